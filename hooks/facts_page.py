"""The facts table: every fact with its value, the pages that use it, its source, date and status."""
from __future__ import annotations

import re

from hooks.site_data import page_title, state, t
from scripts.project import DEFAULT_LANG, LEADER_PREFIX


def usage(key: str, with_leader_guide: bool) -> list[str]:
    """Return the source paths (relative to docs/sv) of pages that use a fact; leader pages only where asked."""
    sv = state["docs_dir"] / DEFAULT_LANG
    used = [str(p.relative_to(sv)) for p in sv.rglob("*.md") if re.search(r"fact\." + key + r"\b", p.read_text("utf-8"))]
    return sorted(rel for rel in used if with_leader_guide or not rel.startswith(LEADER_PREFIX))


def table(lang: str, here: str) -> str:
    """Render every fact as a Markdown table row; 'here' is the page's source path inside its language folder."""
    up = "../" * here.count("/")
    head = [t(k, lang) for k in ("fact_value", "fact_used_on", "fact_source", "fact_checked", "fact_status")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for key, fact in state["facts"].items():
        used = ", ".join(f"[{page_title(rel, lang)}]({up}{rel})" for rel in usage(key, here.startswith(LEADER_PREFIX))) or "–"
        host = re.sub(r"^https?://", "", fact["source"]).split("/")[0]
        source = f"[{host}]({fact['source']})" if host in state["hosts"] else f"`{host}`"  # no links to unofficial sites
        rows.append(
            f"| {fact['value']} | {used} | {source} | {fact['checked']} | "
            f"{t('fact_status_' + fact['status'], lang)} |"
        )
    return "\n".join(rows)

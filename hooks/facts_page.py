"""The facts table: every fact with its value, the pages that use it, its source, how it was read, and whether a
person has checked it against the live page."""
from __future__ import annotations

import re
from html import escape

from hooks import numbers
from hooks.site_data import page_title, state, t
from scripts.project import DEFAULT_LANG, LEADER_PREFIX

COLUMNS = ("fact_value", "fact_used_on", "fact_source", "fact_read", "fact_checked", "fact_status")


def usage(key: str, with_leader_guide: bool) -> list[str]:
    """Return the source paths (relative to docs/sv) of pages that use a fact; leader pages and the kit only where asked."""
    sv = state["docs_dir"] / DEFAULT_LANG
    used = [str(p.relative_to(sv)) for p in sv.rglob("*.md") if re.search(r"fact\." + key + r"\b", p.read_text("utf-8"))]
    leaders_only = (LEADER_PREFIX, "ovningsmaterial.md")  # the kit is printed by the leader, and not in the booklet
    return sorted(rel for rel in used if with_leader_guide or not rel.startswith(leaders_only))


def read_cell(fact: dict, lang: str) -> str:
    """Say when the source was read, and whether from the live page or a stored copy."""
    how = "fact_read_live" if fact["read_from"] == "live page" else "fact_read_stored"
    return f"<bdi>{fact['read']}</bdi>, {t(how, lang)}"  # bdi: a date keeps its order in right-to-left text


def checked_cell(key: str, lang: str, leader: bool) -> str:
    """Give the date of the last check by a person (and, for leaders, by whom), or say it has not been checked."""
    check = state["last_checks"].get(key)
    if check is None:
        return t("fact_not_checked", lang)
    return f"<bdi>{check['date']}</bdi>" + (f" ({escape(str(check['by']))})" if leader else "")


def table(lang: str, here: str) -> str:
    """Render every fact as a row of an HTML table whose cells name their column, so a phone can show each row as a
    card ('Källa: …'); 'here' is the page's source path inside its language folder. Cells are Markdown spans, so
    the links to pages are resolved like any other link."""
    up = "../" * here.count("/")
    leader = here.startswith(LEADER_PREFIX)
    heads = [escape(t(c, lang)) for c in COLUMNS]
    rows = []
    for key, fact in state["facts"].items():
        used = ", ".join(f"[{escape(page_title(rel, lang))}]({up}{rel})" for rel in usage(key, leader)) or "–"
        host = re.sub(r"^https?://", "", fact["source"]).split("/")[0]
        source = f"[{host}]({fact['source']})" if host in state["hosts"] else f"`{host}`"  # no links to unofficial sites
        cells = [escape(numbers.written(fact["value"], fact["kind"], lang)), used, source, read_cell(fact, lang),
                 checked_cell(key, lang, leader), t("fact_status_" + fact["status"], lang)]
        rows.append('<tr markdown="1">' + "".join(f'<td data-label="{head}" markdown="span">{cell}</td>' for head, cell in zip(heads, cells)) + "</tr>")
    head = "<thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr></thead>"
    return f'<table markdown="1">{head}<tbody markdown="1">\n' + "\n".join(rows) + "\n</tbody></table>"

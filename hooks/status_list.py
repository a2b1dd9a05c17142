"""The translation status page: every required page per language, up to date or not, machine-made or reviewed."""
from __future__ import annotations

from hooks.site_data import state, t
from scripts.project import LANG_NAMES, LANGS, status_table
from scripts.review_packet import reviews

STATE_STRINGS = {"up-to-date": "status_up_to_date", "outdated": "status_outdated", "missing": "status_missing"}


def cell(status, lang: str) -> str:
    """Describe one page's translation state: up to date, outdated or missing, and machine-made or reviewed."""
    if status.state == "missing":
        return t(STATE_STRINGS["missing"], lang)
    return f"{t(STATE_STRINGS[status.state], lang)}, {t('status_reviewed' if status.reviewed else 'status_machine', lang)}"


def markdown(lang: str) -> str:
    """Return one collapsible list per language (not one wide table: it has to fit a phone)."""
    table = status_table(state["docs_dir"])
    parts = []
    for code in LANGS[1:]:
        rows = [(rel, row[code]) for rel, row in sorted(table.items()) if code in row]
        current = sum(1 for _, status in rows if status.state == "up-to-date")
        reviewed = sum(1 for _, status in rows if status.reviewed)
        dates = sorted(str(r["date"]) for r in reviews(code).values())
        latest = f" ({dates[-1]})" if dates else ""
        items = "\n".join(f"    - `{rel}`: {cell(status, lang)}" for rel, status in rows)
        parts.append(f'??? info "{LANG_NAMES[code]} ({code}): {current}/{len(rows)} {t("status_up_to_date", lang)}, '
                     f'{reviewed}/{len(rows)} {t("status_reviewed", lang)}{latest}"\n\n{items}')
    return "\n\n".join(parts)

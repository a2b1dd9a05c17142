"""Publishing honestly: warn about a placeholder site address and about facts no person has checked lately, mark
QR codes to an unpublished address, refuse a release build with a placeholder address, and date the cover."""
from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from html import escape

from mkdocs.exceptions import PluginError

from hooks.site_data import state, t
from scripts.project import is_placeholder_url

CHECK_MAX_AGE = timedelta(days=183)  # six months


def unpublished(config) -> bool:
    """Tell whether the site address is a placeholder, so QR codes lead nowhere."""
    return is_placeholder_url(config["site_url"])


def refuse_placeholder_release(config) -> None:
    """A release build (VAGEN_RELEASE=1, `make release`) stops when the edition's address is a placeholder."""
    if os.environ.get("VAGEN_RELEASE") == "1" and unpublished(config):
        raise PluginError(f"{state['edition']['path']}: site_url {config['site_url']} is a placeholder address, so every "
                          "QR code would lead nowhere. Set the edition's real https address before a release build.")


def qr_mark(lang: str, config) -> str:
    """Return the visible 'not published yet' mark for a QR code, or nothing when the address is real."""
    return f'<p class="qr-unpublished"><strong>{escape(t("qr_unpublished", lang))}</strong></p>' if unpublished(config) else ""


def cover_facts_line(lang: str) -> str:
    """Return the cover's line on the facts: the date of the oldest check by a person, or that none was made."""
    checks = state["last_checks"].values()
    if any(check is None for check in checks):
        month = min(str(f["read"]) for f in state["facts"].values())
        return t("cover_facts_not_checked", lang).replace("{month}", month)
    return t("cover_facts_checked", lang).replace("{date}", str(min(check["date"] for check in checks)))


def warnings(config) -> list[str]:
    """Return what a person publishing this build must know: a placeholder address, facts not checked lately."""
    found = []
    if unpublished(config):
        found.append(f"the site address {config['site_url']} ({state['edition']['path'].name}) is a placeholder. QR codes "
                     "are marked 'not published yet'; `make release` refuses to build until site_url is the real address.")
    never = [key for key, check in state["last_checks"].items() if check is None]
    stale = [key for key, check in state["last_checks"].items() if check and date.today() - check["date"] > CHECK_MAX_AGE]
    if never:
        found.append(f"{len(never)} of {len(state['last_checks'])} facts have never been checked by a person against the "
                     "live page. Before printing for a new term, run `make fact-checklist` and record the check.")
    if stale:
        found.append(f"{len(stale)} facts were last checked by a person more than six months ago: {', '.join(stale[:8])}"
                     + (" …" if len(stale) > 8 else "") + ". Run `make fact-checklist`.")
    return found


def print_warnings(config) -> None:
    """Print the publishing warnings at the end of the build (not as MkDocs warnings, which strict mode would stop on)."""
    for line in warnings(config):
        print(f"Vägen: publishing warning: {line}", file=sys.stderr)

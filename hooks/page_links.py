"""The links on every page to its language's PDF and, on participant pages, to the offline copy."""
from __future__ import annotations

from hooks.site_data import source_rel, t, to_site_root
from scripts.project import DEFAULT_LANG, LEADER_PREFIX


def add(page, lang: str) -> None:
    """Put the PDF and offline-copy addresses and labels into the page's meta, for the theme template."""
    root = to_site_root(page.file.url) + ("" if lang == DEFAULT_LANG else f"{lang}/")
    leader = source_rel(page.file).startswith(LEADER_PREFIX)
    page.meta["pdf_href"] = root + ("pdf/cirkelledarvagledning.pdf" if leader else "pdf/deltagarhafte.pdf")
    page.meta["pdf_label"] = t("pdf_leader_link" if leader else "pdf_link", lang)
    if not leader:
        page.meta["offline_href"] = to_site_root(page.file.url) + f"offline/vagen-{lang}.zip"
        page.meta["offline_label"] = t("offline_link", lang)

"""Notices on translated pages, in the reader's language: not translated, outdated, machine-made."""
from __future__ import annotations

from pathlib import Path

from hooks.site_data import source_rel, state, t, to_site_root
from scripts.project import DEFAULT_LANG, page_status


def for_page(page, lang: str) -> list[dict]:
    """Return the notices a page needs, each with its kind, text and a link to the Swedish page where useful."""
    if lang == DEFAULT_LANG:
        return []
    status = page_status(state["docs_dir"], lang, source_rel(page.file))
    sv_url = to_site_root(page.file.url) + page.file.url.removeprefix(f"{lang}/")
    found = []
    if status.state == "missing":
        found.append({"kind": "info", "text": t("not_translated", lang), "href": None})
    else:
        if status.state == "outdated":
            found.append({"kind": "warning", "text": t("outdated", lang), "href": sv_url})
        if not status.reviewed:
            found.append({"kind": "note", "text": t("machine_translated", lang), "href": sv_url})
    for n in found:
        n["link_text"] = t("swedish_version", lang)
    return found


def is_fallback(page, lang: str) -> bool:
    """Tell whether a page of another language is really the Swedish source shown untranslated."""
    return lang != DEFAULT_LANG and f"/{DEFAULT_LANG}/" in Path(page.file.abs_src_path).as_posix()


def mark_fallback(html: str, page) -> str:
    """Mark a Swedish page shown in another language as Swedish, so screen readers read it with a Swedish voice."""
    return f'<div lang="{DEFAULT_LANG}" dir="ltr">{html}</div>' if page.meta.get("is_fallback") else html

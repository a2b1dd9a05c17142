"""The leader guide exists in Swedish and English only; its PDF links to participant pages on the web."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from hooks.site_data import lang_of, source_rel
from scripts.project import LANGS, LEADER_PREFIX

HREF = re.compile(r'href="([^"#:]*/)(#[^"]*)?"')
GUIDE_LANGS = ("sv", "en")


def is_leader_page(page) -> bool:
    """Tell whether a page belongs to the leader guide."""
    return source_rel(page.file).startswith(LEADER_PREFIX)


def leave_out_of_other_languages(files, config):
    """Remove the leader guide from the build of a language it is not written for."""
    if lang_of(config) in GUIDE_LANGS:
        return files
    for f in list(files.documentation_pages()):
        if source_rel(f).startswith(LEADER_PREFIX):
            files.remove(f)
    return files


def absolute_links_in_pdf(html: str, page, config) -> str:
    """In the leader-guide PDF build, point links to participant pages at the web site, since the PDF lacks them."""
    if config["extra"].get("pdf_kind") != "leader" or not is_leader_page(page):
        return html
    here = urljoin(config["site_url"], page.url)
    guide = urljoin(config["site_url"], page.url.split(LEADER_PREFIX)[0] + LEADER_PREFIX)

    def absolute(m: re.Match) -> str:
        target = urljoin(here, m.group(1))
        return m.group(0) if target.startswith(guide) else f'href="{target}{m.group(2) or ""}"'

    return HREF.sub(absolute, html)


def switcher_to_start_page(output: str, page) -> str:
    """On leader pages, the language switcher leads to the start page of languages that have no guide."""
    if not is_leader_page(page):
        return output
    others = "|".join(re.escape(code) for code in LANGS if code not in GUIDE_LANGS)
    return re.sub(rf'href="([./]*)({others})/ledare/[^"]*"', r'href="\1\2/"', output)

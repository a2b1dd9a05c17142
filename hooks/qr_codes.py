"""QR codes: each lesson's own address on its first printed page, and one handout per lesson in every language."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import segno

from hooks import publishing
from hooks.site_data import lang_of, page_title, swedish_lessons, t
from scripts.project import DEFAULT_LANG, LANG_NAMES, LANGS, direction


def svg(url: str, label: str) -> str:
    """Return an inline SVG QR code for an address, named for screen readers."""
    code = segno.make(url, error="m", micro=False).svg_inline(scale=4, border=4, omitsize=False)
    size = re.search(r'width="(\d+)"', code).group(1)  # segno's codes are square
    return code.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}: {escape(url)}" viewBox="0 0 {size} {size}" ', 1)


def for_lesson(page, config) -> str:
    """A QR code to the lesson's own address, printed on its first page (hidden on screen)."""
    lang = lang_of(config)
    url = urljoin(config["site_url"], page.url)
    mark = publishing.qr_mark(lang, config)
    return f'<div class="qr-print">{svg(url, t("scan_text", lang))}{mark}<p>{escape(t("scan_text", lang))}</p></div>'


def handouts(lang: str, config) -> str:
    """One printable handout per lesson: its QR code in every language, with the language's own name."""
    sections = []
    for sv_lesson in swedish_lessons():
        rel = f"lektioner/{sv_lesson.name}"
        slug = rel.removesuffix(".md") + "/"
        cards = []
        for code in LANGS:
            url = urljoin(config["site_url"], ("" if code == DEFAULT_LANG else f"{code}/") + slug)
            cards.append(
                f'<td lang="{code}" dir="{direction(code)}">{svg(url, LANG_NAMES[code])}{publishing.qr_mark(code, config)}'
                f"<br><strong>{LANG_NAMES[code]}</strong><br>{escape(page_title(rel, code))}</td>"
            )
        rows = "".join("<tr>" + "".join(cards[i:i + 4]) + "</tr>" for i in range(0, len(cards), 4))
        sections.append(
            f'<div class="qr-handout" id="qr-{sv_lesson.stem}"><h2>{escape(page_title(rel, lang))}</h2>'
            f'<p>{escape(t("scan_text", lang))}</p><table class="qr-grid">{rows}</table></div>'
        )
    return "\n".join(sections)



PRINTED_CODE = re.compile(r'<div class="qr-print">.*?</p></div>', re.S)


def off_the_screen(site_dir: Path, config) -> None:
    """Once the booklet PDFs are made, take each lesson's print-only QR code out of its web page: it costs a phone
    0.6 KB (gzip) on every lesson. The offline copies (file links), printed from a phone, keep theirs."""
    if not config["use_directory_urls"]:
        return
    for page in site_dir.rglob("lektioner/*/index.html"):
        html = page.read_text("utf-8")
        if 'class="qr-print"' in html:
            page.write_text(PRINTED_CODE.sub("", html, count=1), "utf-8")

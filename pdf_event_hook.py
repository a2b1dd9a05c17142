"""mkdocs-with-pdf event hook: language, direction, fonts and localised table of contents in each PDF."""
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.project import DEFAULT_LANG, direction, load_strings

PRINT_CSS = (Path(__file__).parent / "pdf" / "print.css").read_text("utf-8")


def inject_link(html: str, href: str, page, logger) -> str:
    """Leave pages as they are: the theme template already links to the PDF in the page's language."""
    return html


def pre_pdf_render(soup: BeautifulSoup, logger) -> BeautifulSoup:
    """Give the combined document its language and direction, the fonts, and a translated TOC title."""
    first = soup.select_one("article[lang]")
    lang = first["lang"] if first else DEFAULT_LANG
    soup.html["lang"] = lang
    soup.html["dir"] = direction(lang)
    strings = load_strings()
    toc_title = soup.select_one("#doc-toc h1")
    if toc_title:
        toc_title.string = strings["toc_title"].get(lang, strings["toc_title"][DEFAULT_LANG])
    for el in soup.select(".pdf-link, .md-source-file, script, .listen, .listen-word, .lang-links"):
        el.decompose()
    style = soup.new_tag("style")
    style.string = PRINT_CSS.replace("PAGE_LABEL", strings["page"].get(lang, "")).replace("DIRECTION", soup.html["dir"])
    soup.head.append(style)
    return soup

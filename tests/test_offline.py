"""Offline copies: one zip per language that works from the file system, linked from every participant page."""
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from conftest import LANGS
from test_browser import CHROMIUM, CHROMIUM_ARGS

OTHER = {"pdf", "offline", "search"}


def unpack(site: Path, lang: str, tmp_path: Path) -> Path:
    """Extract a language's offline copy and return the folder of its pages."""
    archive = site / "offline" / f"vagen-{lang}.zip"
    assert archive.exists(), f"{archive} is missing; `make site` packs it"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    return tmp_path / "vagen" / ("" if lang == "sv" else lang)


@pytest.mark.parametrize("lang", LANGS)
def test_offline_copy_links_resolve_inside_the_copy(site, lang, tmp_path):
    """Every page of the copy links to .html files and assets that are in the copy (other languages and PDFs aside)."""
    root = unpack(site, lang, tmp_path)
    top = tmp_path / "vagen"
    pages = sorted(root.rglob("*.html")) if lang != "sv" else sorted(p for p in top.rglob("*.html") if p.relative_to(top).parts[0] not in LANGS)
    assert len(pages) >= 20, f"{lang}: only {len(pages)} pages in the offline copy"
    problems = []
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for el in soup.find_all(["a", "link", "script", "img"]):
            href = el.get("href") or el.get("src")
            if not href or urlsplit(href).scheme or href.startswith(("#", "mailto:", "tel:")):
                continue
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            rel = target.relative_to(top.resolve()) if target.is_relative_to(top.resolve()) else None
            own = rel is not None and (rel.parts[0] == "assets" or (rel.parts[0] == lang if lang != "sv" else rel.parts[0] not in LANGS))
            if not own or OTHER & set(rel.parts):
                continue  # another language's copy, a PDF or the download itself: not part of this copy
            if not target.is_file():
                problems.append(f"{page.relative_to(top)}:{el.sourceline}: {href} is not in the copy")
    assert not problems, "\n".join(problems[:20])


def test_offline_copy_opens_from_the_file_system(site, tmp_path):
    """The Tigrinya copy opens from file://, styled, in Tigrinya, with search hidden and no script errors."""
    root = unpack(site, "ti", tmp_path)
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 640})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((root / "lektioner" / "03-bostadskon.html").as_uri())
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        lang = page.get_attribute("html", "lang")
        search_visible = page.is_visible("label.md-header__button[for='__search']")
        page.click("a.md-footer__link--next")
        next_title = page.url
        browser.close()
    assert header == "rgb(0, 83, 107)", f"the site's stylesheet did not load from the copy (header {header})"
    assert lang == "ti" and not search_visible and not errors, (lang, search_visible, errors)
    assert next_title.endswith("04-hitta-och-anmal.html"), f"the next-page link led to {next_title}"


def test_every_participant_page_links_to_its_offline_copy(site):
    """The download link on a lesson points at the copy in the page's language."""
    for lang in LANGS:
        html = ((site if lang == "sv" else site / lang) / "lektioner" / "00-valkommen" / "index.html").read_text("utf-8")
        assert f"offline/vagen-{lang}.zip" in html, f"{lang}: lesson 00 does not link its offline copy"

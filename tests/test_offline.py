"""Offline copies: one zip per language that works from the file system, linked from every participant page."""
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from conftest import LANGS, PROJECT
from test_browser import CHROMIUM, CHROMIUM_ARGS
from scripts.project import allowed_hosts

ALLOWLIST = allowed_hosts(PROJECT / "data" / "allowed-hosts.txt")
FIX = "Point it at the web site in hooks/offline_copy.py, or pack the file in scripts/offline_copies.py."
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.I)


def unpack(site: Path, lang: str, tmp_path: Path) -> Path:
    """Extract a language's offline copy and return its top folder, vagen/."""
    archive = site / "offline" / f"vagen-{lang}.zip"
    assert archive.exists(), f"{archive} is missing; `make site` packs it"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    return tmp_path / "vagen"


def site_url_of(site: Path) -> str:
    """Return the edition's site_url the web site was built with (its start page's canonical address)."""
    start = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    return start.select_one("link[rel=canonical]")["href"]


def pages_of(top: Path) -> list[Path]:
    """Return every HTML file of an unpacked copy."""
    return sorted(top.rglob("*.html"))


def web_problem(address: str, site_url: str, web: Path) -> str | None:
    """Say why a web address is not a page or file of the built web site, or return None if it is one."""
    if not address.startswith(site_url):
        return f"{address} is not under the site's address {site_url}"
    path = unquote(urlsplit(address).path).removeprefix(urlsplit(site_url).path)
    if path.endswith(".html"):
        return f"{address} is the copy's file name, not the web site's directory-style address"
    target = web / path / "index.html" if path.endswith("/") or not path else web / path
    return None if target.is_file() else f"{address} is not on the web site (site/{target.relative_to(web)} is missing)"


def check_copy_links(top: Path, site_url: str, web: Path) -> list[str]:
    """Every link in an unpacked copy leads to a file inside the copy, to the web site, or to an allowlisted host."""
    problems = []
    host = urlsplit(site_url).hostname
    for page in pages_of(top):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for el in soup.find_all(["a", "link", "script", "img", "source", "iframe"]):
            href = el.get("href") or el.get("src")
            if not href or href.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            where = f"{page.relative_to(top.parent)}:{el.sourceline}"
            url = urlsplit(href)
            if url.scheme != "https" and (url.scheme or url.netloc):
                problems.append(f"{where}: {href} is not an https address. {FIX}")
            elif url.hostname == host:
                if why := web_problem(href.split("#")[0], site_url, web):
                    problems.append(f"{where}: web link {why}. {FIX}")
            elif url.scheme:
                if url.hostname not in ALLOWLIST:
                    problems.append(f"{where}: {href} goes to {url.hostname}, not to {host}. {FIX}")
            else:
                target = (page.parent / unquote(url.path)).resolve()
                if not target.is_relative_to(top.resolve()) or not target.is_file():
                    problems.append(f"{where}: {href} is not in the copy. {FIX}")
    return problems


def check_web_addresses(top: Path, site_url: str, web: Path) -> list[str]:
    """Every page's canonical link and printed QR codes name directory-style pages of the built web site."""
    problems = []
    for page in pages_of(top):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        if soup.select_one("meta[http-equiv=refresh]"):
            continue  # the copy's own start file, not a page of the site
        where = f"{page.relative_to(top.parent)}"
        canonical = soup.select_one("link[rel=canonical]")
        if canonical is None:
            problems.append(f"{where}: the page has no canonical link. Set site_url in the edition.")
        elif why := web_problem(canonical["href"], site_url, web):
            problems.append(f"{where}:{canonical.sourceline}: canonical address {why}. Fix it in hooks/offline_copy.py.")
        for code in soup.select("svg.segno[aria-label]"):  # a lesson's own code, and the leader guide's handouts
            address = code["aria-label"].rsplit(": ", 1)[-1]
            if why := web_problem(address, site_url, web):
                problems.append(f"{where}:{code.sourceline}: QR code address {why}. Fix it in hooks/offline_copy.py.")
    return problems


def check_start_file(top: Path, lang: str) -> list[str]:
    """The copy opens at vagen/index.html, in the copy's language, leading to the language's start page."""
    start = top / "index.html"
    if not start.is_file():
        return [f"{start.relative_to(top.parent)} is missing: a reader opening the folder finds no start page. "
                "Write it in scripts/offline_copies.py."]
    soup = BeautifulSoup(start.read_text("utf-8"), "html.parser")
    problems = []
    if soup.html.get("lang") != lang:
        problems.append(f"vagen/index.html:{soup.html.sourceline}: lang is {soup.html.get('lang')!r}, not {lang!r}. "
                        "Write it in the copy's language.")
    if lang != "sv":
        refresh = soup.select_one("meta[http-equiv=refresh]")
        match = refresh and REFRESH.match(refresh.get("content", ""))
        if not match or match.group(1).strip() != f"{lang}/index.html" or not (top / lang / "index.html").is_file():
            problems.append(f"vagen/index.html: does not go on to {lang}/index.html. "
                            "Fix start_page in scripts/offline_copies.py.")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_offline_copy_has_no_dead_links(site, lang, tmp_path):
    """Every link in the copy leads to a file in the copy or to a page of the web site; none to a missing file."""
    top = unpack(site, lang, tmp_path)
    pages = pages_of(top)
    assert len(pages) >= 20, f"{lang}: only {len(pages)} pages in the offline copy"
    problems = check_copy_links(top, site_url_of(site), site)
    assert not problems, f"{len(problems)} dead links:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_offline_copy_names_web_addresses_that_exist(site, lang, tmp_path):
    """Canonical links and printed QR codes in the copy name directory-style pages that exist on the web site."""
    top = unpack(site, lang, tmp_path)
    problems = check_web_addresses(top, site_url_of(site), site)
    assert not problems, "\n".join(problems[:20])
    codes = sum(p.read_text("utf-8").count('class="qr-print"') for p in pages_of(top))
    assert codes >= 10, f"{lang}: only {codes} lesson QR codes in the copy"


@pytest.mark.parametrize("lang", LANGS)
def test_offline_copy_opens_at_a_start_file(site, lang, tmp_path):
    """The zip's folder has index.html at its top, in the copy's language, going on to the language's start page."""
    problems = check_start_file(unpack(site, lang, tmp_path), lang)
    assert not problems, "\n".join(problems)


def test_offline_checks_fail_on_a_broken_copy(site, tmp_path):
    """The checks name file and line for a link out of the copy, a .html web address and a missing start file."""
    page = tmp_path / "vagen" / "en" / "lektioner" / "03-bostadskon.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html lang="en"><head>\n'
        '<link rel="canonical" href="https://vagen.example.org/en/lektioner/03-bostadskon.html">\n'
        "</head><body>\n"
        '<a href="../../lektioner/03-bostadskon.html" hreflang="sv">Svenska</a>\n'
        '<a href="../pdf/deltagarhafte.pdf">PDF</a>\n'
        '<a href="https://vagen.example.org/en/lektioner/finns-inte/">web</a>\n'
        '<div class="qr-print"><svg class="segno" aria-label="Scan: https://vagen.example.org/en/lektioner/03-bostadskon.html"></svg></div>\n'
        '<a href="https://elak.example.net/">elsewhere</a>\n'
        "</body></html>\n", "utf-8")
    top = tmp_path / "vagen"
    links = "\n".join(check_copy_links(top, "https://vagen.example.org/", site))
    where = "vagen/en/lektioner/03-bostadskon.html"
    assert f"{where}:4: ../../lektioner/03-bostadskon.html is not in the copy. Point it at the web site" in links
    assert f"{where}:5: ../pdf/deltagarhafte.pdf is not in the copy" in links
    assert f"{where}:6: web link https://vagen.example.org/en/lektioner/finns-inte/ is not on the web site" in links
    assert f"{where}:8: https://elak.example.net/ goes to elak.example.net" in links
    addresses = "\n".join(check_web_addresses(top, "https://vagen.example.org/", site))
    assert f"{where}:2: canonical address https://vagen.example.org/en/lektioner/03-bostadskon.html is the copy's file name" in addresses
    assert f"{where}:7: QR code address https://vagen.example.org/en/lektioner/03-bostadskon.html is the copy's file name" in addresses
    assert check_start_file(top, "en") == [
        "vagen/index.html is missing: a reader opening the folder finds no start page. Write it in scripts/offline_copies.py."]


def test_offline_copy_opens_from_the_file_system(site, tmp_path):
    """The Tigrinya copy opens from its start file on file://, styled, in Tigrinya, with search hidden and no script errors."""
    top = unpack(site, "ti", tmp_path)
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 640})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((top / "index.html").as_uri())
        page.wait_for_url("**/ti/index.html")
        page.goto((top / "ti" / "lektioner" / "03-bostadskon.html").as_uri())
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

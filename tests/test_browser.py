"""Every page of every language in real headless Chromium: no sideways scrolling on a phone, the right lang and
dir, and no axe-core violations."""
import functools
import http.server
import json
import re
import threading
from pathlib import Path

import axe_playwright_python
import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, LANGS  # noqa: F401 (other tests import them from here)
from checkers import html_pages
from scripts.project import LANG_NAMES, direction

pytestmark = pytest.mark.browser
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"


def lang_of_page(rel: Path) -> str:
    """Return the language a built page is in, from its folder."""
    return rel.parts[0] if rel.parts[0] in LANGS else "sv"



def audit(browser, server: str, root: Path, pages: list[Path]) -> list[str]:
    """Open each page (a file under root) at 360×640 and return what is wrong with it."""
    problems = []
    context = browser.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    for path in pages:
        rel = path.relative_to(root)
        url = server + str(rel).removesuffix("index.html")
        page.goto(url, wait_until="load")
        lang = lang_of_page(rel)
        html_lang, html_dir = page.get_attribute("html", "lang"), page.get_attribute("html", "dir")
        if html_lang != lang or html_dir != direction(lang):
            problems.append(f"{rel}: <html lang={html_lang} dir={html_dir}>, expected lang={lang}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide = page.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))""")
            problems.append(f"{rel}: scrolls sideways at 360 px (content is {width} px wide: {', '.join(wide)})")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            targets = "; ".join(json.dumps(n["target"]) for n in v["nodes"][:3])
            problems.append(f"{rel}: axe {v['id']} ({v['impact']}): {v['help']} at {targets}")
    problems += [f"request left the site: {u}" for u in sorted(set(outside))]
    context.close()
    return problems


EVERY_PAGE = ("sv", "ar", "ti")  # the source, right to left, and Ethiopic script: every page
SAMPLE = ("index.html", "lektioner/00-", "lektioner/06-", "lektioner/07-", "arbetsblad/min-dokumentmapp/",
          "arbetsblad/hyra-i-andra-hand/", "ovningsmaterial/", "ordlista/", "fakta-och-kallor/", "om/tillganglighet/",
          "ledare/index.html", "ledare/traff-03/", "ledare/ovningsmaterial/")


def audited(rel: Path, lang: str) -> bool:
    """Tell whether the browser audit opens a page: every page of sv, ar and ti; in the other languages, which share
    their templates and structure with those, one page of each kind and the lessons with the most figures."""
    inside = "/".join(rel.parts[1:] if rel.parts[0] == lang else rel.parts)
    return lang in EVERY_PAGE or inside.startswith(SAMPLE)


@pytest.mark.parametrize("lang,guide", [(lang, False) for lang in LANGS] + [("sv", True), ("en", True)])
def test_pages_work_on_a_phone_and_pass_axe(site, server, browser, lang, guide):
    """The pages of one language (the leader guide apart, so two workers share the longest audits): lang/dir, no
    horizontal scroll at 360×640, axe-core clean, no outside requests."""
    pages = [p for p in html_pages(site) if lang_of_page(p.relative_to(site)) == lang
             and audited(p.relative_to(site), lang) and ("ledare" in p.relative_to(site).parts) == guide]
    assert pages, f"no built pages for {lang}"
    problems = audit(browser, server, site, pages)
    assert not problems, f"{len(problems)} problem(s) on {len(pages)} {lang} pages:\n" + "\n".join(problems)


def test_browser_audit_catches_a_broken_page(tmp_path, browser):
    """On a page with no lang, an unlabelled image and a too-wide table, the audit reports all three."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><title>x</title><meta name=viewport content='width=device-width'></head><body><main>"
        "<img src='x.png'><table style='width:900px'><tr><td>wide</td></tr></table></main></body></html>", "utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        problems = "\n".join(audit(browser, f"http://127.0.0.1:{httpd.server_port}/", tmp_path, [tmp_path / "index.html"]))
    finally:
        httpd.shutdown()
    assert "index.html: <html lang=None" in problems
    assert "scrolls sideways at 360 px" in problems
    assert "axe image-alt" in problems and "axe html-has-lang" in problems


def search(page, query: str) -> None:
    """Type a query into Material's search and wait for results (retyped once, in case the index was still loading)."""
    page.click("label[for='__search']")
    for attempt in range(3):
        page.fill("input.md-search__input", "")
        page.type("input.md-search__input", query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            return
        except Exception:
            if attempt == 2:
                raise


@pytest.mark.parametrize("lang,query", [("so", "kötid"), ("ar", "kötid"), ("sv", "kötid")])
def test_search_finds_the_readers_own_language(site, server, browser, lang, query):
    """Searching a Swedish key word from a page in one language lists pages of that language only."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(server + ("" if lang == "sv" else f"{lang}/") + "lektioner/03-bostadskon/", wait_until="networkidle")
    search(page, query)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    context.close()
    assert links, f"no search results for {query!r} on a {lang} page"
    prefix = server + ("" if lang == "sv" else f"{lang}/")
    others = [l for l in links if not l.startswith(prefix) or (lang == "sv" and any(l.startswith(server + o + "/") for o in LANGS[1:]))]
    assert not others, f"results from other languages: {others[:3]}"


def test_each_language_has_its_own_small_search_index(site):
    """The search index a phone downloads holds only its own language."""
    for lang in LANGS:
        root = site if lang == "sv" else site / lang
        index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
        assert index["docs"], f"{lang}: empty search index"
        foreign = [d["location"] for d in index["docs"] if d["location"].split("/")[0] in LANGS]
        assert not foreign, f"{lang}: entries of other languages in its index: {foreign[:3]}"


@pytest.mark.parametrize("lang", ["ti", "so", "fa-AF", "ar", "uk"])
def test_theme_chrome_is_in_the_readers_language(site, server, browser, lang):
    """Header, menus, search box and footer of a lesson hold no English or Swedish words (language names aside)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + f"{lang}/lektioner/03-bostadskon/")
    chrome = page.evaluate("""() => [...document.querySelectorAll('.md-header, .md-nav--primary, .md-footer, .md-search')]
        .map(e => e.innerText + ' ' + [...e.querySelectorAll('[placeholder],[aria-label],[title]')]
        .map(x => (x.getAttribute('placeholder') || '') + ' ' + (x.getAttribute('aria-label') || '') + ' ' + (x.getAttribute('title') || '')).join(' '))
        .join(' ')""")
    context.close()
    for name in LANG_NAMES.values():
        chrome = chrome.replace(name, " ")
    allowed = {"CC", "BY", "SA", "MIT", "PDF", "BankID", "QR"}
    latin = {w for w in re.findall(r"[A-Za-zÅÄÖåäö]{2,}", chrome) if w not in allowed}
    if lang in ("so",):  # Somali is written in Latin letters: look for English or Swedish theme words instead
        latin = latin & {"Search", "Sök", "Back", "top", "Tillbaka", "Previous", "Next", "Föregående", "Nästa", "Table", "contents",
                         "Lektioner", "Arbetsblad", "Lessons", "Worksheets", "Type", "to", "start", "searching", "Skriv", "Copy"}
    assert not latin, f"{lang}: theme text in another language: {sorted(latin)[:15]}"




BROKEN_HEADING_WORDS = """() => [...document.querySelectorAll('article h1, article h2, article h3')].flatMap(h => {
    const bad = [], walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/[^\\s\\u00ad-]+-?/g)) {  // the pieces between spaces, soft hyphens and hyphens
        const tops = new Set([...m[0]].map((_, i) => {  // the line of each letter: a letter after a soft hyphen
          const r = document.createRange();           // also gets the drawn hyphen's rect, so take its last rect
          r.setStart(n, m.index + i); r.setEnd(n, m.index + i + 1);
          return Math.round([...r.getClientRects()].at(-1).top); }));
        if (tops.size > 1) bad.push(m[0]);
      }
    }
    return bad; })"""


@pytest.mark.parametrize("lang", LANGS)
def test_lessons_read_well_on_a_small_phone(site, server, browser, lang):
    """At 320 px, lessons and worksheets: no sideways scrolling, text of 16 px or more (notes and tables too), the
    language switcher in the header, and no heading word that breaks without a hyphen."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    root = site / ("" if lang == "sv" else lang)
    for folder in ("lektioner", "arbetsblad"):
        for name in sorted(p.name for p in (root / folder).iterdir() if p.is_dir()):
            where = f"{lang}/{folder}/{name}"
            page.goto(server + ("" if lang == "sv" else f"{lang}/") + f"{folder}/{name}/")
            if page.evaluate("document.documentElement.scrollWidth") > 320:
                problems.append(f"{where}: scrolls sideways at 320 px")
            small = page.evaluate("""[...document.querySelectorAll('article p, article li, article td, article dd')]
                .filter(e => e.offsetParent && !e.closest('.qr-print') && parseFloat(getComputedStyle(e).fontSize) < 16)
                .map(e => e.tagName + ' ' + getComputedStyle(e).fontSize).slice(0, 3)""")
            if small:
                problems.append(f"{where}: text smaller than 16 px: {small}")
            if not page.is_visible(".md-header [data-md-component='palette'], .md-header .md-select, .md-header label[for='__search']"):
                problems.append(f"{where}: header controls not visible")
            problems += [f"{where}: '{word}' in a heading breaks without a hyphen" for word in page.evaluate(BROKEN_HEADING_WORDS)]
    context.close()
    assert not problems, "\n".join(problems)


def test_heading_check_catches_a_word_broken_without_a_hyphen(browser):
    """A long heading word without soft hyphens, forced to wrap, is reported; with soft hyphens it is not."""
    page = browser.new_page(viewport={"width": 320, "height": 640})
    style = "<style>h1 { font-size: 40px; overflow-wrap: anywhere; }</style>"
    page.set_content(f'{style}<article><h1>Mina intresseanmälningar</h1></article>')
    assert page.evaluate(BROKEN_HEADING_WORDS) == ["intresseanmälningar"]
    page.set_content(f'{style}<article><h1>Mina in\u00adtresse\u00adanmäl\u00adningar</h1></article>')
    assert page.evaluate(BROKEN_HEADING_WORDS) == []
    page.close()

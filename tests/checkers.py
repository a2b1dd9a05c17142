"""Checks on the built site and the Markdown sources; each returns problems that name the file, line and fix."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from scripts.project import DEFAULT_LANG, FRONT_MATTER, DataError, LEADER_PREFIX, page_status, read_front_matter
from scripts.content_rules import figure_blocks, figure_texts

LOCAL_HOSTS = {"", "localhost", "127.0.0.1"}


def html_pages(site: Path) -> list[Path]:
    """Return every built HTML page, without the theme's 404 page and the redirect stubs."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def parse(path: Path) -> BeautifulSoup:
    """Parse a built page, keeping source line numbers."""
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def ids_of(path: Path, cache: dict) -> set[str]:
    """Return the element ids of a built page (cached)."""
    if path not in cache:
        cache[path] = {el["id"] for el in parse(path).select("[id]")}
    return cache[path]


def resolve(site: Path, page: Path, href: str) -> Path:
    """Return the file an internal link points at, as the web server would serve it."""
    path = unquote(urlsplit(href).path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path) if path else page
    target = Path(*[p for p in target.parts])
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target.resolve()


def check_internal_links(site: Path) -> list[str]:
    """Every internal link and #anchor on every page resolves to a built file and an element id."""
    problems, cache = [], {}
    for page in html_pages(site):
        soup = parse(page)
        for el in soup.find_all(["a", "link", "img", "script", "source", "iframe"]):
            href = el.get("href") or el.get("src")
            if not href or urlsplit(href).scheme or href.startswith(("//", "mailto:", "tel:", "data:")):
                continue
            where = f"{page.relative_to(site)}:{el.sourceline}"
            target = resolve(site, page, href)
            if not target.exists():
                problems.append(f"{where}: link '{href}' points at a missing file. Fix the link in the page's Markdown source.")
                continue
            fragment = unquote(urlsplit(href).fragment)
            if fragment and target.suffix == ".html" and fragment not in ids_of(target, cache):
                problems.append(f"{where}: link '{href}' points at a missing anchor #{fragment}. Add the heading id or fix the link.")
    return problems


def check_external_links(site: Path, allowlist: set[str]) -> list[str]:
    """Every external link in page content is https and goes to an allowlisted host."""
    problems = []
    for page in html_pages(site):
        for a in parse(page).select("article a[href]"):
            url = urlsplit(a["href"])
            if not url.scheme or url.scheme in ("mailto", "tel"):
                continue
            where = f"{page.relative_to(site)}:{a.sourceline}"
            if url.scheme != "https":
                problems.append(f"{where}: external link '{a['href']}' is not https. Use the https address.")
            elif url.hostname not in allowlist:
                problems.append(
                    f"{where}: host '{url.hostname}' is not in data/allowed-hosts.txt. "
                    "Link to an official site, or add the host there after checking it is official."
                )
    return problems


URL_IN_CSS = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>[^'")\s]+)""")


def check_third_party(site: Path) -> list[str]:
    """No HTML or CSS file loads a script, style, font, image or frame from another host."""
    problems = []
    for page in html_pages(site):
        soup = parse(page)
        for el in soup.find_all(["script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"]):
            if el.name == "link" and not set(el.get("rel", [])) & {"stylesheet", "preload", "prefetch", "icon", "preconnect", "dns-prefetch", "modulepreload"}:
                continue
            for attr in ("src", "href", "data", "srcset"):
                url = urlsplit((el.get(attr) or "").split()[0] if el.get(attr) else "")
                if url.scheme in ("http", "https") or (el.get(attr) or "").startswith("//"):
                    if url.hostname not in LOCAL_HOSTS:
                        problems.append(f"{page.relative_to(site)}:{el.sourceline}: <{el.name} {attr}> loads from {url.hostname}. Serve it from the site itself.")
        for style in soup.find_all("style"):
            problems += css_problems(style.get_text(), str(page.relative_to(site)), style.sourceline)
    for css in site.rglob("*.css"):
        problems += css_problems(css.read_text("utf-8", errors="replace"), str(css.relative_to(site)), 1)
    return problems


def css_problems(css: str, where: str, first_line: int) -> list[str]:
    """Return third-party url() or @import references in a stylesheet."""
    found = []
    for m in URL_IN_CSS.finditer(css):
        url = urlsplit(m.group("url"))
        if (url.scheme in ("http", "https") or m.group("url").startswith("//")) and url.hostname not in LOCAL_HOSTS:
            line = css.count("\n", 0, m.start()) + first_line
            found.append(f"{where}:{line}: CSS loads {m.group('url')} from another host. Self-host it or remove it.")
    return found


# --- Markdown sources -------------------------------------------------------------------------------------------

ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([a-z]+)", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\(|<img\b|<svg\b")
INTERNAL_LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?!https?:|mailto:|tel:)([^)\s]+)\)")
H2 = re.compile(r"^## ", re.M)


def body_of(text: str) -> str:
    """Return a page's Markdown without front matter and fenced code."""
    m = FRONT_MATTER.match(text)
    body = text[m.end():] if m else text
    return re.sub(r"^```.*?^```", "", body, flags=re.S | re.M)


def structure(text: str) -> dict:
    """Return what the parity test compares: level-2 headings, admonitions by kind, images, internal link targets."""
    body = body_of(text)
    kinds: dict[str, int] = {}
    for kind in ADMONITION.findall(body):
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "level-2 headings": len(H2.findall(body)),
        "admonitions": kinds,
        "images": len(IMAGE.findall(body)),
        "internal link targets": sorted(set(INTERNAL_LINK.findall(body))),
    }


def check_completeness(docs: Path, manifest: dict, langs: list[str] | None = None) -> list[str]:
    """Every page the manifest requires exists in each language, with the same structure as its Swedish source."""
    problems = []
    for name, section in manifest["sections"].items():
        for lang in section["languages"]:
            if lang == DEFAULT_LANG or (langs and lang not in langs):
                continue
            for pattern in section["pages"]:
                for source in sorted((docs / DEFAULT_LANG).glob(pattern)):
                    rel = source.relative_to(docs / DEFAULT_LANG)
                    target = docs / lang / rel
                    if not target.exists():
                        problems.append(f"{target}: missing ({name} pages must exist in {lang}; data/manifest.yml). Translate {source}.")
                        continue
                    want, got = structure(source.read_text("utf-8")), structure(target.read_text("utf-8"))
                    for key in want:
                        if want[key] != got[key]:
                            problems.append(f"{target}:1: {key} differ from {source}: Swedish has {want[key]}, this page has {got[key]}. Keep the structure of the source.")
    return problems


SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "fa-AF": "ARABIC", "ti": "ETHIOPIC", "uk": "CYRILLIC"}
SWEDISH_WORDS = {"och", "att", "det", "som", "är", "för", "med", "inte", "på", "du", "en", "ett", "har", "kan", "din", "till", "om", "vad", "när", "man", "måste", "eller"}


def prose(text: str) -> str:
    """Return the readable prose of a page: no front matter, code, links' targets, placeholders, ids or parentheses."""
    body = body_of(text)
    texts = [value for _, _, value in figure_texts(body)]  # a figure's ids, keys, icons and `sv:` words are not prose
    lines = body.split("\n")
    for first, last, _ in reversed(figure_blocks(body)):
        del lines[first - 1:last]
    body = "\n".join(lines + texts)
    body = re.sub(r"\{\{.*?\}\}|\{[^}]*#[^}]*\}|\]\([^)]*\)|<[^>]+>|`[^`]*`|&\w+;", " ", body)
    return re.sub(r"\([^()]*\)", " ", body)  # Swedish key words stay in parentheses next to the translation


def script_share(text: str, script: str) -> float:
    """Return the share of letters that belong to a Unicode script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if unicodedata.name(c, "").startswith(script)) / len(letters)


def swedish_share(text: str) -> float:
    """Return the share of words that are common Swedish function words."""
    words = re.findall(r"[a-zåäö]+", text.lower())
    return sum(1 for w in words if w in SWEDISH_WORDS) / len(words) if words else 0.0


def check_really_translated(path: Path, lang: str) -> list[str]:
    """A translated page is written in its language: its script, or for en and so, not Swedish."""
    text = prose(path.read_text("utf-8"))
    if lang in SCRIPTS:
        share = script_share(text, SCRIPTS[lang])
        if share < 0.8:
            return [f"{path}:1: only {share:.0%} of the letters are {SCRIPTS[lang].title()} script (need 80%). Translate the remaining text."]
    elif lang != DEFAULT_LANG:
        share = swedish_share(text)
        if share > 0.08:
            return [f"{path}:1: {share:.0%} of the words are common Swedish words; the page still holds Swedish text. Translate it (Swedish key words go in parentheses)."]
    return []


def check_front_matter(docs: Path) -> list[str]:
    """Every page has readable front matter with a title; translations record their source version."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        lang = page.relative_to(docs).parts[0]
        try:
            meta = read_front_matter(page)
        except DataError as e:
            problems.append(str(e))
            continue
        if not meta.get("title"):
            problems.append(f"{page}:1: front matter has no 'title:'. Add one; it names the page in menus and the PDF.")
        source = docs / DEFAULT_LANG / page.relative_to(docs / lang)
        if lang != DEFAULT_LANG and source.exists():
            if not re.fullmatch(r"[0-9a-f]{12}", str(meta.get("source_hash", ""))):
                problems.append(f"{page}:1: no valid 'source_hash:'. Run: python scripts/translation_status.py --stamp {page}")
            if meta.get("translation") not in ("machine", "reviewed"):
                problems.append(f"{page}:1: 'translation:' must be machine or reviewed.")
            elif meta["translation"] == "reviewed" and not meta.get("reviewed_by"):
                problems.append(f"{page}:1: 'translation: reviewed' needs 'reviewed_by:' (role or initials and date).")
    return problems


def check_outdated(docs: Path, manifest: dict) -> list[str]:
    """List translated pages whose Swedish source changed after they were translated."""
    found = []
    for section in manifest["sections"].values():
        for lang in section["languages"]:
            if lang == DEFAULT_LANG:
                continue
            for pattern in section["pages"]:
                for source in sorted((docs / DEFAULT_LANG).glob(pattern)):
                    rel = str(source.relative_to(docs / DEFAULT_LANG))
                    try:
                        state = page_status(docs, lang, rel).state
                    except DataError as e:
                        found.append(str(e))
                        continue
                    if state == "outdated":
                        found.append(f"{docs / lang / rel}:1: translates an older version of {source}. Update the translation, then run scripts/translation_status.py --stamp on it.")
    return found


DIGIT = re.compile(r"\d")


def check_no_typed_numbers(path: Path) -> list[str]:
    """A participant page has no digits outside {{ … }} placeholders and heading ids: numbers come from data/facts.yml."""
    problems, in_code = [], False
    text = path.read_text("utf-8")
    m = FRONT_MATTER.match(text)
    first = text.count("\n", 0, m.end()) + 1 if m else 1
    for i, line in enumerate(text.splitlines()[first - 1:], start=first):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        bare = re.sub(r"^\s*\d+\.\s|\{\{.*?\}\}|\{[^}]*#[^}]*\}|\]\([^)]*\)|<[^>]+>", "", line)
        if not in_code and DIGIT.search(bare):
            problems.append(f"{path}:{i}: a number is typed by hand ('{line.strip()[:60]}'). "
                            "Use a {{ fact.… }} from data/facts.yml, or write it in words.")
    return problems


def is_participant(rel: str) -> bool:
    """Return True for participant material (everything but the leader guide and the about pages)."""
    return not rel.startswith((LEADER_PREFIX, "om/"))


TERM_LINE = re.compile(r"^(?P<translation>[^\s:!#>|-][^\n]*?)\s*\((?P<swedish>[^()]+)\)\s*$")


def check_term_base(page: Path, terms: dict) -> list[str]:
    """Each "Ord att kunna" term of a translated lesson uses the language's term base translation."""
    problems, in_words = [], False
    lines = page.read_text("utf-8").splitlines()
    for i, line in enumerate(lines, start=1):
        if line.startswith("## "):
            in_words = "#ord" in line
        nxt = lines[i] if i < len(lines) else ""
        m = TERM_LINE.match(line)
        if not (in_words and m and nxt.startswith(":")):
            continue
        swedish, used = m.group("swedish").strip(), m.group("translation").strip()
        wanted = terms.get(swedish) or terms.get(swedish.lower())
        if wanted is None:
            problems.append(f"{page}:{i}: '{swedish}' is not in the term base. Add it to data/terms/<lang>.yml.")
        elif used.casefold() != str(wanted).strip().casefold():
            problems.append(f"{page}:{i}: '{swedish}' is translated '{used}' here but '{wanted}' in the term base. Use one translation.")
    return problems

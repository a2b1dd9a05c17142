"""Save on this phone (read without data): per language, the list of files to save, an offline page and a web app
manifest, and the app icons.

The button "Spara på telefonen" (overrides/main.html) loads assets/save.js, a tiny loader; only when the reader
presses it does assets/save-app.js register the service worker (sw.js, at the site root so its scope covers every
language under any sub-path) and store the files of `<lang root>/offline-files.json` in Cache Storage. Everything
here is written once every language is built, into the web build only: the offline zip copies (file://) have no
service worker, manifest or button.

offline-files.json holds each file's path from the site root, size and hash, the booklet PDF apart (the reader
chooses it), the sizes shown before saving, the strings of the dialog and notices in the language, and a version:
a hash of the whole list, so any change of a saved file (a fact, a page, a stylesheet) gives a new version, which
saved phones notice and take when they are online again.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from hooks.site_data import t
from scripts.project import DEFAULT_LANG, LANGS, direction, load_strings, manifest

LIST = "offline-files.json"
OFFLINE_PAGE = "offline.html"
MANIFEST = "manifest.webmanifest"
THEME_COLOR = "#00536b"  # the site header, rgb(0, 83, 107)
ICONS = {"icon-192.png": (192, False), "icon-512.png": (512, False), "icon-maskable-512.png": (512, True)}
# Loaded by the loader on the reader's press, so no page names them: saved with every language.
ON_PRESS = ["assets/save-app.js", "assets/save.css"]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".webmanifest", ""}  # what nginx sends gzip/brotli-compressed
ASSET = re.compile(r'<(?:link rel="(?:stylesheet|icon)" href|script src|img[^>]* src)="([^"]+)"')
SEARCH_WORKER = re.compile(r'"search": "([^"]+)"')
CSS_URL = re.compile(r"url\(['\"]?(?!data:)([^'\")]+)['\"]?\)")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# The home-outline logo of the theme (material/home-outline, mkdocs.yml), in its 24×24 viewBox: the house, and its door
# and inside, which are cut out.
HOUSE = [(12, 3), (2, 12), (5, 12), (5, 20), (11, 20), (11, 14), (13, 14), (13, 20), (19, 20), (19, 12), (22, 12)]
INSIDE = [(12, 5.69), (17, 10.19), (17, 18), (15, 18), (15, 12), (9, 12), (9, 18), (7, 18), (7, 10.19)]


def lang_root(lang: str) -> str:
    """Return a language's folder from the site root: '' for Swedish, 'so/' for Somali."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def page_paths(docs_dir: Path, lang: str) -> list[str]:
    """Return the addresses (from the site root) of the participant pages of data/manifest.yml, in a language."""
    sources = docs_dir / DEFAULT_LANG
    rels = [p.relative_to(sources).as_posix() for pattern in manifest(docs_dir=docs_dir)["sections"]["participant"]["pages"]
            for p in sorted(sources.glob(pattern))]
    return [lang_root(lang) + ("" if rel == "index.md" else rel.removesuffix(".md") + "/") for rel in rels]


def page_file(site: Path, path: str) -> Path:
    """Return the file that answers a page address."""
    return site / path / "index.html"


def assets_of(site: Path, path: str) -> set[str]:
    """Return the styles, scripts, icon and images a built page loads, and its search worker, from the site root."""
    text = page_file(site, path).read_text("utf-8")
    found = set(ASSET.findall(text)) | set(SEARCH_WORKER.findall(text))
    return {urlsplit(urljoin("/" + path, href)).path.lstrip("/") for href in found if not urlsplit(href).scheme}


def css_assets(site: Path, stylesheets: set[str]) -> set[str]:
    """Return the files the saved stylesheets point at with url() (Material's own icons are data: addresses)."""
    found = set()
    for css in stylesheets:
        for href in CSS_URL.findall((site / css).read_text("utf-8")):
            found.add(urlsplit(urljoin("/" + css, href)).path.lstrip("/"))
    return found


def search_files(site: Path, lang: str) -> list[str]:
    """Return the language's search index and the lunr language scripts Material's search worker imports for it."""
    index = lang_root(lang) + "search/search_index.json"
    langs = json.loads((site / index).read_text("utf-8"))["config"]["lang"]
    stemmers = [f"assets/javascripts/lunr/min/lunr.{code}.min.js" for code in langs if code != "en"]
    support = ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js"] if stemmers else []
    return [index] + support + stemmers


def transfer_size(path: Path) -> int:
    """Return about how many bytes a file costs to download: gzip size for text (as nginx sends it), else its size."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSED else len(data)


def entry(site: Path, path: str) -> list:
    """Return [path, bytes stored, bytes downloaded, short hash] of a saved file (a page's path is its folder)."""
    f = page_file(site, path) if path == "" or path.endswith("/") else site / path
    data = f.read_bytes()
    return [path, len(data), transfer_size(f), hashlib.sha256(data).hexdigest()[:10]]


def strings_for(lang: str) -> dict[str, str]:
    """Return the save_ strings in a language, without their prefix, for the script."""
    return {key.removeprefix("save_"): t(key, lang) for key in load_strings() if key.startswith("save_")}


def page_title(site: Path, path: str, site_name: str) -> str:
    """Return a built page's title without the site name, as plain text."""
    title = html.unescape(TITLE.search(page_file(site, path).read_text("utf-8")).group(1).strip())
    return title.removesuffix(" - " + site_name).replace("\u00ad", "")


def offline_page(site: Path, lang: str, pages: list[str], stylesheets: list[str]) -> str:
    """Return the page shown instead of the browser's error for a page that is not saved, with links to the saved ones."""
    root, name = lang_root(lang), t("site_name", lang)
    up = "../" if root else ""
    links = "\n".join(f'<li><a href="{html.escape(p.removeprefix(root)) or "./"}">{html.escape(page_title(site, p, name))}</a></li>'
                      for p in pages)
    css = "\n".join(f'<link rel="stylesheet" href="{up}{href}">' for href in stylesheets)
    return (
        f'<!doctype html>\n<html lang="{lang}" dir="{direction(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n<meta name="robots" content="noindex">\n'
        f'<title>{html.escape(t("save_offline_title", lang))} - {html.escape(name)}</title>\n{css}\n</head>\n'
        f'<body dir="{direction(lang)}">\n<header class="md-header"><div class="md-header__inner md-grid">'
        f'<p class="md-header__title save-offline-name">{html.escape(name)}</p></div></header>\n'
        f'<main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">\n<h1>{html.escape(t("save_offline_title", lang))}</h1>\n'
        f'<p>{html.escape(t("save_offline_text", lang))}</p>\n<ul>\n{links}\n</ul>\n'
        f"</article></div></div></main>\n</body>\n</html>\n"
    )


def web_manifest(lang: str) -> dict:
    """Return the web app manifest of a language: it opens the language's start page, in its language and direction."""
    up = "../" if lang_root(lang) else ""
    icons = [{"src": f"{up}assets/images/{name}", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "maskable" if maskable else "any"} for name, (size, maskable) in ICONS.items()]
    return {"name": t("site_name", lang), "short_name": t("save_short_name", lang),
            "description": t("site_description", lang), "lang": lang, "dir": direction(lang),
            "id": "./", "start_url": "./", "scope": "./", "display": "standalone",
            "theme_color": THEME_COLOR, "background_color": "#ffffff", "icons": icons}


def icon(size: int, maskable: bool):
    """Draw the theme's home-outline logo in white on the header colour; a maskable icon keeps it in the safe circle."""
    from PIL import Image, ImageDraw

    big = size * 4  # drawn large and scaled down, for smooth edges
    image = Image.new("RGB", (big, big), THEME_COLOR)
    draw = ImageDraw.Draw(image)
    scale = big * (0.5 if maskable else 0.6) / 20  # the house is 20 units wide
    dx, dy = big / 2 - 12 * scale, big / 2 - 11.5 * scale  # centre of the house: (12, 11.5)
    draw.polygon([(dx + x * scale, dy + y * scale) for x, y in HOUSE], fill="white")
    draw.polygon([(dx + x * scale, dy + y * scale) for x, y in INSIDE], fill=THEME_COLOR)
    return image.resize((size, size), Image.LANCZOS).quantize(16)


def write_icons(site: Path) -> None:
    """Write the app icons into assets/images/."""
    folder = site / "assets" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for name, (size, maskable) in ICONS.items():
        icon(size, maskable).save(folder / name, optimize=True)


def write_language(site: Path, docs_dir: Path, lang: str) -> None:
    """Write a language's offline page, manifest and list of files to save."""
    root = lang_root(lang)
    pages = page_paths(docs_dir, lang)
    assets = set().union(*(assets_of(site, p) for p in pages))
    stylesheets = sorted(a for a in assets if a.endswith(".css"))
    assets |= css_assets(site, stylesheets) | set(search_files(site, lang)) | set(ON_PRESS)
    (site / root / OFFLINE_PAGE).write_text(offline_page(site, lang, pages, stylesheets + ["assets/save.css"]), "utf-8")
    (site / root / MANIFEST).write_text(json.dumps(web_manifest(lang), ensure_ascii=False, indent=1), "utf-8")
    icons = [f"assets/images/{name}" for name in ICONS]
    files = [entry(site, p) for p in pages + [root + OFFLINE_PAGE, root + MANIFEST] + sorted(assets | set(icons))]
    pdf = entry(site, root + "pdf/deltagarhafte.pdf") if (site / root / "pdf/deltagarhafte.pdf").exists() else None
    version = hashlib.sha256(json.dumps([files, pdf]).encode()).hexdigest()[:12]
    listing = {"version": version, "lang": lang, "folders": [lang_root(code) for code in LANGS if lang_root(code)],
               "pages": len(pages), "files": files, "pdf": pdf,
               "bytes": sum(f[1] for f in files), "download": sum(f[2] for f in files), "strings": strings_for(lang)}
    (site / root / LIST).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")), "utf-8")


def write(site: Path, docs_dir: Path, config) -> None:
    """Write the icons and, for every language built, its offline page, manifest and list (web build only)."""
    if not config["use_directory_urls"]:  # the offline zip copies: no service worker on file://, nothing to save
        for name in ["sw.js"] + ON_PRESS:
            (site / name).unlink(missing_ok=True)
        return
    write_icons(site)
    for lang in LANGS:
        if (site / lang_root(lang) / "index.html").exists() and (site / lang_root(lang) / "search").is_dir():
            write_language(site, docs_dir, lang)

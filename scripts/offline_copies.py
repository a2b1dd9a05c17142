"""Pack one offline copy per language (pages with file links, plus the theme's assets) into <out>/vagen-<lang>.zip.

Each zip holds one folder, `vagen/`, that opens at `vagen/index.html`: for Swedish that is the start page itself;
for the other languages, whose pages are in `vagen/<lang>/`, it is a small page in the copy's language that goes on
to `<lang>/index.html` (a meta refresh, no script) and also links there. `index.html` is the name a reader and a
browser look for first, and Swedish already has it, so every copy opens the same way. Links that leave the copy are
turned into web links by hooks/offline_copy.py, which asks `in_copy` what the copy holds.
"""
import html
import sys
import zipfile
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import DEFAULT_LANG, LANGS, direction, load_strings  # noqa: E402

# PDFs are their own downloads; the 404 page has root-absolute links and a file system never shows it.
LEFT_OUT = {"pdf", "search", "offline", "sitemap.xml", "sitemap.xml.gz", "404.html"}
SEARCH_ASSETS = {"lunr", "workers"}  # search cannot run from the file system, so its scripts stay out
START = "index.html"


def in_copy(path: str, lang: str) -> bool:
    """Tell whether a file of the offline build (its path from the build's root) belongs in a language's copy."""
    parts = PurePosixPath(path).parts
    if parts[:1] == ("assets",):
        return not SEARCH_ASSETS & set(parts)
    if lang != DEFAULT_LANG:
        if parts[:1] != (lang,):
            return False
        parts = parts[1:]
    elif parts[:1] and parts[0] in LANGS:
        return False
    return bool(parts) and parts[0] not in LEFT_OUT


def files_of(site: Path, lang: str) -> list[Path]:
    """Return the files of one language's offline copy: its pages, and the shared assets without search."""
    return sorted(p for p in site.rglob("*") if p.is_file() and in_copy(p.relative_to(site).as_posix(), lang))


def start_page(lang: str) -> str:
    """Return the copy's top-level start file for a language whose pages are in <lang>/: it goes on to them."""
    names = load_strings()["site_name"]
    name = html.escape(names.get(lang) or names[DEFAULT_LANG])
    target = f"{lang}/index.html"
    return (
        f'<!doctype html>\n<html lang="{lang}" dir="{direction(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n<title>{name}</title>\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
        f'<body>\n<p><a href="{target}">{name}</a></p>\n</body>\n</html>\n'
    )


def pack(site: Path, out: Path) -> None:
    """Write one zip per language, with a start file at the top of its folder."""
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        target = out / f"vagen-{lang}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for f in files_of(site, lang):
                zf.write(f, Path("vagen") / f.relative_to(site))
            if lang != DEFAULT_LANG:
                zf.writestr(f"vagen/{START}", start_page(lang))
        print(f"{target}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    pack(Path(sys.argv[1]), Path(sys.argv[2]))

"""Pack one offline copy per language (pages with file links, plus the theme's assets) into <out>/vagen-<lang>.zip."""
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import DEFAULT_LANG, LANGS  # noqa: E402

LEFT_OUT = {"pdf", "search", "offline", "sitemap.xml", "sitemap.xml.gz"}  # PDFs are their own downloads


def files_of(site: Path, lang: str) -> list[Path]:
    """Return the files of one language's offline copy: its pages, and the shared assets without search."""
    assets = [p for p in (site / "assets").rglob("*") if p.is_file() and not {"lunr", "workers"} & set(p.parts)]
    if lang == DEFAULT_LANG:
        pages = [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] not in set(LANGS) | LEFT_OUT | {"assets"}]
    else:
        pages = [p for p in (site / lang).rglob("*") if p.is_file() and p.relative_to(site / lang).parts[0] not in LEFT_OUT]
    return sorted(assets + pages)


def pack(site: Path, out: Path) -> None:
    """Write one zip per language."""
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        target = out / f"vagen-{lang}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for f in files_of(site, lang):
                zf.write(f, Path("vagen") / f.relative_to(site))
        print(f"{target}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    pack(Path(sys.argv[1]), Path(sys.argv[2]))

"""Print performance figures: page weight per page type and language, search index, build times, PDFs, Lighthouse."""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import LANGS, PROJECT  # noqa: E402

PAGE_TYPES = {"start": "", "lesson": "lektioner/03-bostadskon/", "worksheet": "arbetsblad/mina-bostadskoer/",
              "leader": "ledare/traff-03/"}
LIGHTHOUSE = PROJECT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
BUDGET_KB = 70


def gz(data: bytes) -> int:
    """Return the gzip size (level 6, as nginx sends it)."""
    return len(gzip.compress(data, 6))


def sent_gzip(path: Path) -> int:
    """Return the gzip bytes nginx sends for a file: its precompressed .gz (gzip_static) if the build wrote one."""
    packed = path.with_name(path.name + ".gz")
    return packed.stat().st_size if packed.exists() else gz(path.read_bytes())


def page_assets(site: Path, page: Path) -> dict[str, list[Path]]:
    """Return the CSS, JS (including the search worker) and font files a page loads on a first visit."""
    html = page.read_text("utf-8")
    here = "/" + str(page.parent.relative_to(site)) + "/"
    local = lambda href: site / urlsplit(urljoin(here, href)).path.lstrip("/")  # noqa: E731
    css = [local(h) for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
    js = [local(h) for h in re.findall(r'<script src="([^"]+)"', html)]
    worker = re.search(r'"search": "([^"]+)"', html)
    fonts = [f for c in css for f in re.findall(r"url\(([^)]+\.woff2?)\)", c.read_text("utf-8"))]
    return {"html": [page], "css": css, "js": js, "fonts": [Path(f) for f in fonts],
            "search": [local(worker.group(1))] if worker else []}


def weights(site: Path) -> list[tuple]:
    """Return (page type, language, raw and gzip bytes per kind, gzip total) for each page type and language."""
    rows = []
    for kind, rel in PAGE_TYPES.items():
        for lang in LANGS:
            if kind == "leader" and lang not in ("sv", "en"):
                continue
            page = (site if lang == "sv" else site / lang) / rel / "index.html"
            assets = page_assets(site, page)
            sizes = {k: (sum(f.stat().st_size for f in fs), sum(sent_gzip(f) for f in fs)) for k, fs in assets.items()}
            rows.append((kind, lang, sizes, sum(z for k, (_, z) in sizes.items() if k != "search")))
    return rows


def timed_build(env: dict, site_dir: Path, config: str = "mkdocs.yml") -> float:
    """Build into a scratch folder and return the seconds it took."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site_dir)],
                   cwd=PROJECT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, check=True, capture_output=True)
    return time.monotonic() - start


def lighthouse(url: str) -> dict[str, int]:
    """Run Lighthouse (mobile) in Debian's Chromium and return its four category scores."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
                        "--only-categories=performance,accessibility,best-practices,seo"],
                       check=True, capture_output=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        report = json.loads(out.read_text("utf-8"))
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


def main() -> int:
    """Print every table; --no-builds and --no-lighthouse skip the slow parts (CI runs it that way)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=PROJECT / "site")
    parser.add_argument("--no-builds", action="store_true", help="skip the build timings")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()
    site = args.site

    print(f"## First visit, bytes (gzip): HTML + CSS + JS + fonts; budget {BUDGET_KB} KB\n")
    print("| page | lang | HTML | CSS | JS | fonts | total gzip | within budget | + search worker |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, lang, sizes, total in weights(site):
        cells = [f"{raw / 1024:.1f} / {z / 1024:.1f} KB" for raw, z in (sizes[k] for k in ("html", "css", "js", "fonts"))]
        worker = sizes["search"][1] / 1024
        print(f"| {kind} | {lang} | " + " | ".join(cells) + f" | {total / 1024:.1f} KB | "
              f"{'yes' if total <= BUDGET_KB * 1024 else 'NO'} | {worker:.1f} KB |")
    print("\nCells are raw / gzip. Material starts its search worker and fetches the language's search index in the")
    print("background after the page has loaded; they are listed apart. A repeat visit loads only the new page's HTML.\n")

    print("## Search index per language (loaded when the page opens)\n")
    print("| lang | documents | raw | gzip |")
    print("|---|---|---|---|")
    for lang in LANGS:
        index = (site if lang == "sv" else site / lang) / "search" / "search_index.json"
        data = index.read_bytes()
        print(f"| {lang} | {len(json.loads(data)['docs'])} | {len(data) / 1024:.0f} KB | {gz(data) / 1024:.0f} KB |")

    print("\n## Save on this phone: what a language costs (hooks/save_on_phone.py)\n")
    print("| lang | pages | files | download | stored | + booklet PDF |")
    print("|---|---|---|---|---|---|")
    for lang in LANGS:
        saved = json.loads(((site if lang == "sv" else site / lang) / "offline-files.json").read_text("utf-8"))
        pdf = f"{saved['pdf'][1] / 1024:.0f} KB" if saved["pdf"] else "not built"
        print(f"| {lang} | {saved['pages']} | {len(saved['files'])} | {saved['download'] / 1024:.0f} KB | "
              f"{saved['bytes'] / 1024:.0f} KB | {pdf} |")
    print("\nDownload is gzip for text (as nginx sends it); stored is what Cache Storage holds, without the PDF.")

    print("\n## Downloads: PDFs and offline copies\n")
    print("| file | size |")
    print("|---|---|")
    for download in sorted(site.rglob("*.pdf")) + sorted(site.glob("offline/*.zip")):
        print(f"| {download.relative_to(site)} | {download.stat().st_size / 1024:.0f} KB |")

    if not args.no_builds:
        print("\n## Build times (this machine)\n")
        with tempfile.TemporaryDirectory() as tmp:
            one = timed_build({"BUILD_ALL": "false"}, Path(tmp) / "one")
            eight = timed_build({}, Path(tmp) / "eight")
            pdf = timed_build({"VAGEN_PDF": "1"}, Path(tmp) / "pdf")
        print("| build | seconds |")
        print("|---|---|")
        print(f"| one language (sv), web only | {one:.1f} |")
        print(f"| eight languages, web only | {eight:.1f} |")
        print(f"| eight languages with booklet PDFs | {pdf:.1f} |")
        print(f"| ratio eight : one language | {eight / one:.1f} |")

    if not args.no_lighthouse:
        print("\n## Lighthouse (mobile), served by the repo's nginx configuration\n")
        if not (LIGHTHOUSE.exists() and shutil.which("chromium")):
            print("Lighthouse or Chromium is missing; `make benchmark` installs Lighthouse.")
        else:
            from scripts.serve_nginx import nginx
            print("| page | performance | accessibility | best practices | SEO |")
            print("|---|---|---|---|---|")
            with nginx(site) as base:
                for path in ("", "lektioner/03-bostadskon/", "ar/lektioner/03-bostadskon/", "ti/lektioner/03-bostadskon/"):
                    s = lighthouse(base + path)
                    print(f"| /{path} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

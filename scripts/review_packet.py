"""Review packets for native speakers: Swedish and translation side by side, segment by segment, and the record of
a finished review.

    python scripts/review_packet.py make [LANG ...] [--site site] [--out build/review]
    python scripts/review_packet.py record docs/<lang>/<page>.md --by "role or initials" [--date YYYY-MM-DD]

A packet holds every participant page of a language that has not been reviewed, or whose Swedish source or
translation changed since its review (the changed segments are marked). Segments are read from the built site, so
the facts are filled in: headings, paragraphs, list items, table cells, word definitions, box titles, captions.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from datetime import date
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import (  # noqa: E402
    DATA, DEFAULT_LANG, LANG_NAMES, LANGS, PROJECT, DataError, check_role, direction, load_yaml, manifest, read_front_matter,
    set_front_matter, source_hash,
)

SEGMENT_TAGS = ["h1", "h2", "h3", "h4", "p", "li", "th", "td", "dt", "dd", "summary", "figcaption"]
BLOCKS = {"p", "ul", "ol", "table", "div", "dl", "details", "figure", "pre"}
NOT_CONTENT = ".translation-notice, .qr-print, .md-content__button, .headerlink, script, style, svg"
REVIEWS = DATA / "reviews"


def built_page(site: Path, lang: str, rel: str) -> Path:
    """Return the built HTML file of a source page in a language."""
    root = site if lang == DEFAULT_LANG else site / lang
    stem = rel.removesuffix(".md")
    return root / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def own_text(el) -> str:
    """Return an element's text without the text of block elements inside it (they are segments of their own)."""
    parts = []
    for child in el.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name not in BLOCKS:
            parts.append(child.get_text())
    return " ".join("".join(parts).split())


def segments(html: Path) -> list[tuple[str, str]]:
    """Return (kind, text) for each segment of a built page's article, in reading order."""
    article = BeautifulSoup(html.read_text("utf-8"), "html.parser").select_one("article")
    for el in article.select(NOT_CONTENT):
        el.decompose()
    found = []
    for el in article.find_all(SEGMENT_TAGS):
        text = own_text(el).replace("\u00ad", "")
        if text:
            found.append(("box title" if "admonition-title" in el.get("class", []) else el.name, text))
    return found


def fingerprint(text: str) -> str:
    """Return a short, stable fingerprint of a segment's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def participant_pages(lang: str) -> list[str]:
    """Return the participant pages (paths inside docs/<lang>/) a language must have, in manifest order."""
    docs = PROJECT / "docs"
    section = manifest()["sections"]["participant"]
    return [str(p.relative_to(docs / DEFAULT_LANG)) for pattern in section["pages"]
            for p in sorted((docs / DEFAULT_LANG).glob(pattern)) if (docs / lang / p.relative_to(docs / DEFAULT_LANG)).exists()]


def reviews(lang: str) -> dict:
    """Return the review record of a language: page -> who, when, and fingerprints at that time."""
    path = REVIEWS / f"{lang}.yml"
    return (load_yaml(path) or {}) if path.exists() else {}


def page_rows(site: Path, lang: str, rel: str) -> list[dict]:
    """Return the aligned segments of one page: number, kind, Swedish, translation, and whether it changed."""
    sv, tr = segments(built_page(site, DEFAULT_LANG, rel)), segments(built_page(site, lang, rel))
    if len(sv) != len(tr):
        raise DataError(f"docs/{lang}/{rel}: {len(tr)} segments, but the Swedish page has {len(sv)}. Give the translation "
                        "the same paragraphs, list items and table cells as the Swedish page, so they can be reviewed side by side.")
    record = reviews(lang).get(rel) or {}
    old_sv, old_tr = record.get("swedish", []), record.get("translation", [])
    return [{"page": rel, "segment": n, "kind": kind, "swedish": s, "translation": t,
             "changed": bool(record) and (n > len(old_sv) or old_sv[n - 1] != fingerprint(s) or old_tr[n - 1] != fingerprint(t))}
            for n, ((kind, s), (_, t)) in enumerate(zip(sv, tr), start=1)]


def needs_review(lang: str, rel: str) -> bool:
    """Tell whether a page is unreviewed, or its Swedish source or translation changed since its review."""
    record = reviews(lang).get(rel)
    docs = PROJECT / "docs"
    return (record is None or record["source_hash"] != source_hash(docs / DEFAULT_LANG / rel)
            or record["translation_hash"] != source_hash(docs / lang / rel))


def packet(site: Path, lang: str) -> list[dict]:
    """Return every segment of every page of a language that needs a review."""
    return [row for rel in participant_pages(lang) if needs_review(lang, rel) for row in page_rows(site, lang, rel)]


def write_csv(rows: list[dict], target: Path) -> None:
    """Write a packet as a spreadsheet file (UTF-8 with byte-order mark, semicolons), with a sign-off row per page."""
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["page", "segment", "kind", "changed", "swedish", "translation", "comment"])
        for i, row in enumerate(rows):
            writer.writerow([row["page"], row["segment"], row["kind"], "*" if row["changed"] else "", row["swedish"],
                             row["translation"], ""])
            if i + 1 == len(rows) or rows[i + 1]["page"] != row["page"]:
                writer.writerow([row["page"], "sign-off", "", "", "Granskad av (roll eller initialer), datum:", "", ""])


def write_pdf(rows: list[dict], lang: str, target: Path) -> None:
    """Write a packet as an A4 PDF: one section per page, numbered rows, a comment column and a sign-off line."""
    from weasyprint import HTML  # noqa: PLC0415 (only this command needs it)

    pages: dict[str, list[dict]] = {}
    for row in rows:
        pages.setdefault(row["page"], []).append(row)
    sections = "".join(
        f"<section><h2>{escape(rel)}</h2><table><thead><tr><th>#</th><th lang='sv'>Svenska</th>"
        f"<th>{escape(LANG_NAMES[lang])}</th><th>Kommentar / comment</th></tr></thead><tbody>"
        + "".join(f"<tr class='{'changed' if r['changed'] else ''}'><td>{r['segment']}{' *' if r['changed'] else ''}</td>"
                  f"<td lang='sv' dir='ltr'>{escape(r['swedish'])}</td>"
                  f"<td lang='{lang}' dir='{direction(lang)}'>{escape(r['translation'])}</td><td></td></tr>" for r in page_rows_)
        + "</tbody></table><p class='sign'>Granskad av (roll eller initialer) / reviewed by (role or initials): "
          "______________________ Datum / date: ____________</p></section>"
        for rel, page_rows_ in pages.items())
    html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 14mm 12mm; @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
      body {{ font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic", "DejaVu Sans", sans-serif; font-size: 9pt; }}
      section {{ break-before: page; }} section:first-of-type {{ break-before: auto; }}
      table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
      th, td {{ border: 0.5pt solid #666; padding: 3pt; vertical-align: top; overflow-wrap: anywhere; }}
      th:nth-child(1), td:nth-child(1) {{ width: 7%; }} th:nth-child(4), td:nth-child(4) {{ width: 25%; }}
      thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }} tr.changed td {{ background: #fff3c4; }}
      td[dir=rtl] {{ text-align: right; }} .sign {{ margin-top: 10pt; font-size: 10pt; }}</style></head><body>
      <h1>Granskning / review: {escape(LANG_NAMES[lang])} ({lang})</h1>
      <p>Läs varje rad: stämmer översättningen med svenskan? Skriv din kommentar i sista kolumnen. Rader med * har
      ändrats sedan förra granskningen. Read each row: does the translation say what the Swedish says? Write your comment
      in the last column. Rows marked * changed since the last review.</p>{sections}</body></html>"""
    HTML(string=html).write_pdf(target)


def make(site: Path, langs: list[str], out: Path, pdf: bool = True) -> dict[str, tuple[int, int]]:
    """Write one packet per language (PDF unless told not to, and spreadsheet); return pages and segments per language."""
    sizes = {}
    for lang in langs:
        rows = packet(site, lang)
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(rows, folder / f"granskning-{lang}.csv")
        if rows and pdf:
            write_pdf(rows, lang, folder / f"granskning-{lang}.pdf")
        sizes[lang] = (len({r["page"] for r in rows}), len(rows))
    return sizes


def record(page: Path, by: str, when: date, site: Path) -> None:
    """Record a native speaker's review of a page: mark it reviewed, and keep the fingerprints of its segments."""
    docs = PROJECT / "docs"
    lang, rel = page.resolve().relative_to(docs.resolve()).parts[0], "/".join(page.resolve().relative_to(docs.resolve()).parts[1:])
    if lang not in LANGS[1:] or not (docs / DEFAULT_LANG / rel).exists():
        raise DataError(f"{page}: not a translated page of docs/<lang>/ with a Swedish source.")
    check_role(by)
    if str(read_front_matter(page).get("source_hash")) != source_hash(docs / DEFAULT_LANG / rel):
        raise DataError(f"{page}: translates an older Swedish version. Update and stamp it before recording a review.")
    set_front_matter(page, {"translation": "reviewed", "reviewed_by": f'"{by}, {when.isoformat()}"'})
    rows = page_rows(site, lang, rel)
    path = REVIEWS / f"{lang}.yml"
    REVIEWS.mkdir(exist_ok=True)
    text = path.read_text("utf-8") if path.exists() else f"# Reviews of the {LANG_NAMES[lang]} pages by native speakers " \
        "(scripts/review_packet.py record writes this).\n"
    kept = remove_entry(text, rel)
    entry = (f"{rel}:\n  by: \"{by}\"\n  date: {when.isoformat()}\n  source_hash: \"{source_hash(docs / DEFAULT_LANG / rel)}\"\n"
             f"  translation_hash: \"{source_hash(page)}\"\n"
             f"  swedish: [{', '.join(repr(fingerprint(r['swedish'])) for r in rows)}]\n"
             f"  translation: [{', '.join(repr(fingerprint(r['translation'])) for r in rows)}]\n")
    path.write_text(kept.rstrip("\n") + "\n" + entry, "utf-8")


def remove_entry(text: str, rel: str) -> str:
    """Return a review record's text without the entry of one page."""
    lines, out, skipping = text.splitlines(), [], False
    for line in lines:
        if line.startswith(f"{rel}:"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out) + "\n"


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("make", help="write the review packets")
    mk.add_argument("langs", nargs="*", default=LANGS[1:])
    mk.add_argument("--site", type=Path, default=PROJECT / "site")
    mk.add_argument("--out", type=Path, default=PROJECT / "build" / "review")
    mk.add_argument("--no-pdf", action="store_true", help="write only the spreadsheets (faster)")
    rec = sub.add_parser("record", help="record a finished review of one page")
    rec.add_argument("page", type=Path)
    rec.add_argument("--by", required=True)
    rec.add_argument("--date", type=date.fromisoformat, default=date.today())
    rec.add_argument("--site", type=Path, default=PROJECT / "site")
    args = parser.parse_args()
    try:
        if args.command == "make":
            for lang, (pages, count) in make(args.site, args.langs, args.out, pdf=not args.no_pdf).items():
                print(f"{args.out / lang}: {pages} pages, {count} segments")
        else:
            record(args.page, args.by, args.date, args.site)
            print(f"{args.page}: review recorded. Rebuild (`make site`) so the page drops its machine-translation notice.")
    except DataError as e:
        sys.exit(str(e))


if __name__ == "__main__":
    main()

"""PDFs: every booklet and leader guide exists, is A4, has its cover, TOC and page numbers in its language,
contains every lesson title, embeds its fonts, and runs right to left where the language does."""
import re
import subprocess
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import DOCS, LANGS, lang_root
from scripts.project import RTL_LANGS, read_front_matter, load_strings

STRINGS = load_strings()
BOOKLETS = [(lang, "deltagarhafte.pdf") for lang in LANGS] + [(lang, "cirkelledarvagledning.pdf") for lang in ("sv", "en")]
A4 = (595.3, 841.9)


def squash(text: str) -> str:
    """Normalise text for comparison: compatibility forms, no whitespace, no tatweel or soft hyphens."""
    return re.sub(r"[\s\u0640\u00ad\u200c\u200d]+", "", unicodedata.normalize("NFKC", text))


def pdf_path(site, lang, name):
    """Return where a PDF is published."""
    return lang_root(lang) / "pdf" / name


def title_of(lang: str, rel: str) -> str:
    """Return a page's title in a language, or the Swedish title when it is not translated."""
    page = DOCS / lang / rel
    return read_front_matter(page if page.exists() else DOCS / "sv" / rel)["title"]


@pytest.fixture(scope="module")
def texts(site):
    """Extracted text of every expected PDF, page by page."""
    found = {}
    for lang, name in BOOKLETS:
        path = pdf_path(site, lang, name)
        found[(lang, name)] = [p.extract_text() or "" for p in PdfReader(path).pages] if path.exists() else None
    return found


@pytest.mark.parametrize("lang,name", BOOKLETS)
def test_pdf_has_cover_toc_page_numbers_and_text(texts, site, lang, name):
    """The PDF exists at its stable path, is A4, and its cover, TOC title and page label are in its language."""
    pages = texts[(lang, name)]
    assert pages is not None, f"{pdf_path(site, lang, name)} is missing; `make site` builds it."
    assert len(pages) > 5 and sum(len(p) for p in pages) > 3000, "the PDF has almost no extractable text"
    box = PdfReader(pdf_path(site, lang, name)).pages[1].mediabox
    assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2, f"page size {box.width}×{box.height} is not A4"
    title = STRINGS["leader_title" if name.startswith("cirkel") else "booklet_title"][lang]
    cover = squash(pages[0])
    assert squash(title) in cover, f"cover lacks the title {title!r}"
    assert "None" not in pages[0], "the cover prints 'None' for an unset value"
    assert squash(STRINGS["edition"][lang]) in cover and squash(STRINGS["date"][lang]) in cover
    assert any(squash(STRINGS["toc_title"][lang]) in squash(p) for p in pages[1:4]), "no table of contents titled in the language"
    assert "Table of contents" not in "".join(pages[:4]) or lang == "en"
    label = squash(STRINGS["page"][lang])
    numbered = sum(1 for p in pages[2:] if label in squash(p))
    assert numbered >= len(pages[2:]) * 0.9, f"only {numbered} of {len(pages) - 2} pages carry the page label {label!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_contains_every_lesson_title(texts, lang):
    """Each lesson's title, in the language (or Swedish where not yet translated), is in the booklet."""
    text = squash("".join(texts[(lang, "deltagarhafte.pdf")] or []))
    lessons = sorted(p.name for p in (DOCS / "sv" / "lektioner").glob("*.md"))
    assert lessons, "docs/sv/lektioner/ has no lessons"
    missing = [title_of(lang, f"lektioner/{n}") for n in lessons if squash(title_of(lang, f"lektioner/{n}")) not in text]
    assert not missing, f"lesson titles missing from the {lang} booklet: {missing}"


def test_leader_guide_pdf_holds_session_plans_and_no_lessons(texts):
    """The leader guide has every session plan and leaves the participant lessons to the booklet."""
    for lang in ("sv", "en"):
        text = squash("".join(texts[(lang, "cirkelledarvagledning.pdf")] or []))
        for plan in sorted((DOCS / "sv" / "ledare").glob("traff-*.md")):
            assert squash(title_of(lang, f"ledare/{plan.name}")) in text, f"{lang}: {plan.name} is not in the leader guide"


@pytest.mark.parametrize("lang,name", BOOKLETS)
def test_fonts_are_embedded(site, lang, name):
    """pdffonts lists every font as embedded; Arabic-script and Ethiopic PDFs use the Noto fonts for them."""
    out = subprocess.run(["pdffonts", str(pdf_path(site, lang, name))], capture_output=True, text=True, check=True).stdout
    rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
    assert rows, "pdffonts lists no fonts"
    not_embedded = [r[0] for r in rows if r[-5] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    names = " ".join(r[0] for r in rows)
    if lang in RTL_LANGS:
        assert "NotoNaskhArabic" in names or "NotoSansArabic" in names, names
    if lang == "ti":
        assert "NotoSansEthiopic" in names, names


def flush_edges(path) -> tuple[float, float]:
    """Return the shares of body text lines that touch the left and the right text margin."""
    left = right = total = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[3:23]:
            lines = {}
            for ch in page.chars:
                if ch["size"] < 10 or not ch["text"].strip():
                    continue
                lines.setdefault(round(ch["top"]), []).append(ch)
            if not lines:
                continue
            spans = [(min(c["x0"] for c in cs), max(c["x1"] for c in cs)) for cs in lines.values()]
            x_min, x_max = min(s[0] for s in spans), max(s[1] for s in spans)
            for x0, x1 in spans:
                total += 1
                left += abs(x0 - x_min) < 3
                right += abs(x1 - x_max) < 3
    return left / total, right / total


@pytest.mark.parametrize("lang", LANGS)
def test_text_runs_in_the_language_direction(site, lang):
    """Measured from character positions: lines start at the right margin in RTL booklets, at the left otherwise."""
    left, right = flush_edges(pdf_path(site, lang, "deltagarhafte.pdf"))
    if lang in RTL_LANGS:
        assert right > 0.6 and right > left + 0.2, f"{lang}: {right:.0%} of lines touch the right margin, {left:.0%} the left"
    else:
        assert left > 0.6 and left > right + 0.2, f"{lang}: {left:.0%} of lines touch the left margin, {right:.0%} the right"

"""PDFs: every booklet and leader guide exists, is A4, has its cover, TOC and page numbers in its language,
contains every lesson title, embeds its fonts, and runs right to left where the language does."""
from collections import Counter
import fcntl
import json
import re
import subprocess
from concurrent.futures import ProcessPoolExecutor
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import DOCS, LANGS, PROJECT, lang_root
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


def page_texts(path) -> list[str] | None:
    """Return a PDF's text page by page, or None when it is missing."""
    return [p.extract_text() or "" for p in PdfReader(path).pages] if path.exists() else None


@pytest.fixture(scope="session")
def texts(site):
    """Extracted text of every expected PDF, page by page: read once on two cores, then shared by every test worker
    through a cache in build/ that is valid while the PDFs are unchanged (extraction takes minutes)."""
    paths = [pdf_path(site, lang, name) for lang, name in BOOKLETS]
    stamp = [[str(p), p.stat().st_mtime_ns, p.stat().st_size] if p.exists() else [str(p)] for p in paths]
    cache = PROJECT / "build" / "test-cache" / "pdf-texts.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker extracts; the others wait and read its result
        saved = json.loads(cache.read_text("utf-8")) if cache.exists() else {}
        if saved.get("stamp") != stamp:
            with ProcessPoolExecutor(max_workers=2) as pool:
                saved = {"stamp": stamp, "texts": list(pool.map(page_texts, paths))}
            cache.write_text(json.dumps(saved, ensure_ascii=False), "utf-8")
    return dict(zip(BOOKLETS, saved["texts"]))


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
    missing = [w for w in title.split() if squash(w) not in cover]  # word by word: lines may wrap in any order
    assert not missing, f"cover lacks {missing} of the title {title!r}"
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


@pytest.mark.parametrize("lang", LANGS)
def test_answers_are_gathered_at_the_end_of_the_booklet(texts, site, lang):
    """Every answer block of the web lessons and worksheets becomes a pointer in the booklet and an entry in its last
    chapter, titled in the language."""
    pages = texts[(lang, "deltagarhafte.pdf")] or []
    web = sum(len(re.findall(r'<details class="success"', p.read_text("utf-8")))
              for folder in ("lektioner", "arbetsblad") for p in (lang_root(lang) / folder).glob("*/index.html"))
    assert web, f"no answer blocks (??? success) in the {lang} lessons"
    pointer = squash(STRINGS["answer_at_end"][lang].rstrip("."))  # a right-to-left line's full stop comes out first
    pointers = sum(squash(p).count(pointer) for p in pages)
    assert pointers == web, f"{lang}: {web} answer blocks on the web but {pointers} pointers to the answers in the booklet"
    last_pointer = max(i for i, p in enumerate(pages) if pointer in squash(p))
    title = [squash(w) for w in STRINGS["answers_title"][lang].split()]  # word by word: RTL lines may come reversed
    assert any(all(w in squash(p) for w in title) for p in pages[last_pointer + 1:]), \
        f"{lang}: no chapter titled {STRINGS['answers_title'][lang]!r} after the last answer pointer"


def test_leader_guide_pdf_holds_session_plans_and_no_lessons(texts):
    """The leader guide has every session plan and the practice kit in its language, and leaves the lessons to the
    booklet."""
    for lang in ("sv", "en"):
        text = squash("".join(texts[(lang, "cirkelledarvagledning.pdf")] or []))
        for plan in sorted((DOCS / "sv" / "ledare").glob("traff-*.md")):
            assert squash(title_of(lang, f"ledare/{plan.name}")) in text, f"{lang}: {plan.name} is not in the leader guide"
        kit = (DOCS / lang / "ovningsmaterial.md").read_text("utf-8")  # the practice kit, printed from the guide
        sheets = re.findall(r"^## (.+?) \{ #[a-z-]+ \.sheet \}$", kit, re.M)
        assert sheets and all(squash(s) in text for s in sheets), f"{lang}: the practice kit's sheets are not all in the leader guide"


@pytest.mark.parametrize("lang,name", BOOKLETS)
def test_fonts_are_embedded(site, lang, name):
    """pdffonts lists every font as embedded; Arabic-script and Ethiopic PDFs use the Noto fonts for them."""
    out = subprocess.run(["pdffonts", str(pdf_path(site, lang, name))], capture_output=True, text=True, check=True).stdout
    rows = [l.split() for l in out.splitlines()[2:] if l.strip()]
    assert rows, "pdffonts lists no fonts"
    not_embedded = [r[0] for r in rows if r[-5] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    names = " ".join(r[0] for r in rows).replace("-", "")
    foreign = [r[0] for r in rows if not re.search(r"\+(Noto|DejaVu)", r[0])]
    assert not foreign, f"fonts that the setup does not install (fonts-noto-core, fonts-dejavu-core): {foreign}"
    if lang in RTL_LANGS:
        assert "NotoNaskhArabic" in names or "NotoSansArabic" in names, names
    if lang == "ti":
        assert "NotoSansEthiopic" in names, names


def flush_edges(path) -> tuple[float, float]:
    """Return the shares of body text lines that start at their page's usual left edge, and end at its usual right edge.

    Left-to-right text starts lines at one edge and ends them ragged; right-to-left text the other way round. The
    usual edge is the one most lines of the page share, so bullets, indents and hyphenated full lines do not move it.
    """
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
            usual_left = Counter(round(x0) for x0, _ in spans).most_common(1)[0][0]
            usual_right = Counter(round(x1) for _, x1 in spans).most_common(1)[0][0]
            for x0, x1 in spans:
                total += 1
                left += abs(x0 - usual_left) < 3
                right += abs(x1 - usual_right) < 3
    return left / total, right / total


@pytest.mark.parametrize("lang", LANGS)
def test_text_runs_in_the_language_direction(site, lang):
    """Measured from character positions: text lines start at the right margin in RTL booklets, at the left otherwise.

    Lines start at the same edge far more often than they end at one: at least twice as often.
    """
    left, right = flush_edges(pdf_path(site, lang, "deltagarhafte.pdf"))
    start, end = (right, left) if lang in RTL_LANGS else (left, right)
    side = "right" if lang in RTL_LANGS else "left"
    assert start > 0.15 and start > 2 * end, f"{lang}: {start:.0%} of lines touch the {side} margin, {end:.0%} the other"


SITE_URL = re.search(r"^site_url: (\S+)", (DOCS.parent / "mkdocs.yml").read_text("utf-8"), re.M).group(1)
LESSONS = sorted(p.stem for p in (DOCS / "sv" / "lektioner").glob("*.md"))


def decode_qr(pdf, first: int, last: int | None, tmp_path) -> set[str]:
    """Render PDF pages and return the addresses that zbarimg (an independent decoder) reads from them.

    zbar misses a code now and then at one resolution and reads it at another, so two renderings are decoded.
    """
    found = set()
    for dpi in (72, 100):
        out = tmp_path / f"{pdf.parent.name}-{dpi}"
        out.mkdir(exist_ok=True)
        pages = ["-f", str(first)] + (["-l", str(last)] if last else [])
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", *pages, str(pdf), str(out / "p")], check=True)
        result = subprocess.run(["zbarimg", "-q", *map(str, sorted(out.glob("*.png")))], capture_output=True, text=True)
        found |= {line.removeprefix("QR-Code:") for line in result.stdout.splitlines()}
    return found


def lesson_url(lang: str, lesson: str) -> str:
    """Return a lesson's public address in a language."""
    return f"{SITE_URL}{'' if lang == 'sv' else lang + '/'}lektioner/{lesson}/"


@pytest.mark.parametrize("lang", LANGS)
def test_booklet_prints_each_lessons_qr_code(site, lang, tmp_path):
    """The first lesson in each booklet carries a QR code that decodes to that lesson's address in that language."""
    found = decode_qr(pdf_path(site, lang, "deltagarhafte.pdf"), 3, 8, tmp_path)
    assert lesson_url(lang, LESSONS[0]) in found, f"decoded {sorted(found)}"


def test_qr_handouts_decode_to_every_lesson_in_every_language(site, tmp_path):
    """The handouts in the leader guide hold one code per lesson and language, each decoding to its address."""
    pdf = pdf_path(site, "sv", "cirkelledarvagledning.pdf")
    heading = squash(title_of("sv", "ledare/qr-blad.md"))
    pages = [squash(p.extract_text() or "") for p in PdfReader(pdf).pages]
    first = next(i for i, text in enumerate(pages[3:], start=4) if text.startswith(heading))
    found = decode_qr(pdf, first, None, tmp_path)
    wanted = {lesson_url(lang, lesson) for lang in LANGS for lesson in LESSONS}
    assert wanted <= found, f"missing codes: {sorted(wanted - found)[:5]}"

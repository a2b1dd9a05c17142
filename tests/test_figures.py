"""Teaching figures (issue 11, hooks/figures.py): every Swedish lesson has one; every figure has an id, a text
alternative, a caption and the made-up-example stamp in the page's language; up-to-date translations keep the Swedish
figures; figure text is in the page's script; the booklet prints them; bad figures stop the build with file and line."""
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from checkers import SCRIPTS, script_share, swedish_share
from conftest import DOCS, FIXTURES, LANGS, build, lang_root
from hooks import figures
from hooks.site_data import state
from scripts.content_rules import swedish_blocks
from scripts.project import DEFAULT_LANG, load_strings, page_status

BAD = FIXTURES / "bad-input"
STRINGS = load_strings()
LESSONS = sorted(p.name for p in (DOCS / "sv" / "lektioner").glob("*.md"))
PARTICIPANT = [f"lektioner/{n}" for n in LESSONS] + [f"arbetsblad/{p.name}" for p in sorted((DOCS / "sv" / "arbetsblad").glob("*.md"))]


def built(lang: str, rel: str) -> Path:
    """Return the built HTML of a page in a language."""
    return lang_root(lang) / rel.removesuffix(".md") / "index.html"


def figures_of(path: Path) -> list:
    """Return the figures of a built page (empty when the page is not built)."""
    if not path.exists():
        return []
    return BeautifulSoup(path.read_text("utf-8"), "html.parser").select("figure.vagen-figure")


def built_langs() -> list[str]:
    """Return the languages of the built site (a Swedish-only build has just sv)."""
    return [lang for lang in LANGS if (lang_root(lang) / "lektioner").exists()]


def test_every_swedish_lesson_has_a_figure(site):
    """Each of the ten lessons teaches with at least one figure."""
    missing = [n for n in LESSONS if not figures_of(built("sv", f"lektioner/{n}"))]
    assert not missing, f"Swedish lessons without a figure: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_id_alt_caption_and_stamp(site, lang):
    """A figure has a fig- id, a drawing with role="img" named by the stamp and the alt text, and a caption; the
    stamp is in the page's language (Swedish on a Swedish page shown untranslated)."""
    if lang not in built_langs():
        pytest.skip(f"{lang} is not built (Swedish-only build)")
    problems = []
    for rel in PARTICIPANT:
        page = built(lang, rel)
        fallback = lang != DEFAULT_LANG and not (DOCS / lang / rel).exists()
        stamp = STRINGS["made_up_example"][DEFAULT_LANG if fallback else lang]
        for fig in figures_of(page):
            where = f"{page}: figure {fig.get('id')}"
            drawing = fig.select_one(".vf-draw")
            label = drawing.get("aria-label", "") if drawing else ""
            if not re.fullmatch(r"fig-[a-z0-9-]+", fig.get("id") or ""):
                problems.append(f"{where}: no id starting fig-")
            if not drawing or drawing.get("role") != "img" or len(label) < len(stamp) + 20:
                problems.append(f"{where}: the drawing needs role=img and an aria-label that says what it shows")
            elif not label.startswith(stamp):
                problems.append(f"{where}: the text alternative does not start with the stamp {stamp!r}")
            caption = fig.select_one("figcaption")
            if not caption or len(caption.get_text(strip=True)) < 10:
                problems.append(f"{where}: no visible caption (figcaption)")
            mark = fig.select_one(".vf-stamp")
            if not mark or mark.get_text(strip=True) != stamp:
                problems.append(f"{where}: the stamp is {mark.get_text(strip=True) if mark else None!r}, not {stamp!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS[1:])
def test_up_to_date_translations_have_the_swedish_figures(site, lang):
    """A translated lesson that is up to date with its Swedish source has the same figure ids, in the same order."""
    if lang not in built_langs():
        pytest.skip(f"{lang} is not built (Swedish-only build)")
    problems = []
    for rel in PARTICIPANT:
        if not (DOCS / lang / rel).exists() or page_status(DOCS, lang, rel).state != "up-to-date":
            continue  # missing pages show the Swedish figures; outdated ones say so in a notice
        want = [f.get("id") for f in figures_of(built("sv", rel))]
        got = [f.get("id") for f in figures_of(built(lang, rel))]
        if want != got:
            problems.append(f"docs/{lang}/{rel}:1: figures {got}, but the Swedish source has {want}. "
                            "Translate every figure of the source, with the same id.")
    assert not problems, "\n".join(problems)


def figure_prose(fig) -> str:
    """Return a figure's translatable text: not the kept Swedish words, names, addresses or numbers."""
    fig = BeautifulSoup(str(fig), "html.parser")
    for keep in fig.select('[lang="sv"], .vf-from, .vf-bar, svg'):
        keep.decompose()
    return re.sub(r"[\d\s.,:;!?()–-]+", " ", fig.get_text(" ")) + " " + fig.figure.select_one(".vf-draw")["aria-label"]


@pytest.mark.parametrize("lang", LANGS[1:])
def test_figure_text_is_in_the_page_script(site, lang):
    """Figures of a translated page are written in its script (Arabic, Ethiopic, Cyrillic), or for en and so not in
    Swedish; only the `sv:` words stay Swedish."""
    if lang not in built_langs():
        pytest.skip(f"{lang} is not built (Swedish-only build)")
    problems = []
    for rel in PARTICIPANT:
        if not (DOCS / lang / rel).exists():
            continue
        for fig in figures_of(built(lang, rel)):
            text = figure_prose(fig)
            if lang in SCRIPTS and script_share(text, SCRIPTS[lang]) < 0.8:
                problems.append(f"docs/{lang}/{rel}: figure {fig.get('id')}: only {script_share(text, SCRIPTS[lang]):.0%} "
                                f"of its letters are {SCRIPTS[lang].title()} script")
            elif lang not in SCRIPTS and swedish_share(text) > 0.08:
                problems.append(f"docs/{lang}/{rel}: figure {fig.get('id')} reads as Swedish")
    assert not problems, "\n".join(problems)


def test_the_swedish_booklet_prints_every_figure_caption(site):
    """The sv booklet PDF holds the caption of every figure of the Swedish participant pages."""
    from test_pdf import squash  # noqa: PLC0415 (the PDF tests' text normalisation)

    pdf = lang_root("sv") / "pdf" / "deltagarhafte.pdf"
    if not pdf.exists():
        pytest.skip("the booklet PDF is not built; `make site` builds it")
    from pypdf import PdfReader  # noqa: PLC0415

    text = "".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    text = squash(re.sub(r"\u2010\s*", "", text))  # WeasyPrint hyphenates at line ends with U+2010
    captions = [f.select_one("figcaption").get_text() for rel in PARTICIPANT for f in figures_of(built("sv", rel))]
    assert captions
    missing = [c for c in captions if squash(c) not in text]
    assert not missing, f"captions missing from the booklet: {missing}"


# --- bad figures stop the build, naming file and line ---------------------------------------------------------------

def render_fixture(name: str, lang: str = "sv") -> str:
    """Draw the figures of a fixture page the way the build does (placeholders are already filled there)."""
    state["strings"] = STRINGS
    path = BAD / name
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path)), meta={})
    config = SimpleNamespace(theme={"language": lang})
    return figures.render(path.read_text("utf-8"), page, config)


@pytest.mark.parametrize("fixture, line, expected", [
    ("figure-no-alt.md", 20, "figure 'fig-utan-alt': 'alt' is missing or empty"),
    ("figure-unknown-kind.md", 8, "figure 'fig-bild': unknown kind 'picture'. Kinds: message, document, screen"),
    ("figure-mark-not-in-text.md", 10, "mark 1: the text 'svara senast i övermorgon' is not found in the message"),
])
def test_a_bad_figure_stops_the_build_with_file_and_line(fixture, line, expected):
    """No alt text, an unknown kind or a mark that is not in the text: the message names the file and the line of the
    figure and says what to do."""
    with pytest.raises(PluginError) as e:
        render_fixture(fixture)
    assert f"{BAD / fixture}:{line}: " in str(e.value) and expected in str(e.value), str(e.value)


def test_swedish_left_in_a_translated_figure_is_found_but_not_the_sv_words():
    """A Swedish note and caption in a Somali figure are named with their lines; the `sv:` word stays."""
    path = BAD / "so-figure-swedish.md"
    found = swedish_blocks(path, path.read_text("utf-8"))
    assert [p.split(": ")[0] for p in found] == [f"{path}:20", f"{path}:22"], found
    assert "this figure text reads as Swedish" in found[0] and "'sv:'" in found[0]


def test_a_figure_is_escaped_and_drawn_with_its_parts():
    """Text is escaped, a mark is numbered with its note, `sv:` words get lang="sv", an icon is inline and hidden."""
    state["strings"] = STRINGS
    fig = {"id": "fig-x", "kind": "document", "alt": "En avi <script>", "caption": "Avin & mer",
           "fields": [{"label": "OCR", "sv": "OCR-nummer", "value": "<b>1</b>", "mark": "Den här"}]}
    figures.check(fig, {}, 1)
    html = figures.draw(fig, "so")
    assert '<figure class="vagen-figure vagen-figure--document" id="fig-x">' in html
    assert 'aria-label="Tusaale aan dhab ahayn. En avi &lt;script&gt;"' in html
    assert "&lt;b&gt;1&lt;/b&gt;" in html and "<figcaption>Avin &amp; mer</figcaption>" in html
    assert '<span class="vf-sv" lang="sv">OCR-nummer</span>' in html and 'aria-hidden="true"' in html


@pytest.mark.parametrize("change, expected", [
    ({"kind": "message", "channel": "sms", "text": "Hej", "colour": "red"}, "unknown key(s) colour"),
    ({"kind": "steps", "steps": [{"icon": "material/finns-inte", "text": "x"}]}, "unknown icon 'material/finns-inte'"),
    ({"kind": "steps", "steps": [{"icon": "../../etc/passwd", "text": "x"}]}, "unknown icon"),
    ({"kind": "steps", "id": "bild-1"}, "must start with 'fig-'"),
])
def test_unknown_keys_icons_and_ids_are_refused(change, expected):
    """A misspelt key, an icon the theme does not ship (or a path), and an id without fig- are refused."""
    fig = {"id": "fig-x", "alt": "Alt", "caption": "Text", "steps": [{"icon": "material/email-outline", "text": "x"}]}
    with pytest.raises(figures.FigureError, match=re.escape(expected)):
        figures.check({**fig, **change}, {}, 1)


def test_a_figure_id_used_twice_on_a_page_is_refused():
    """Two figures with one id would give the leader guide's link two targets."""
    fig = {"id": "fig-x", "kind": "steps", "alt": "Alt", "caption": "Text", "steps": [{"icon": "material/email-outline", "text": "x"}]}
    seen: dict = {}
    figures.check(fig, seen, 10)
    with pytest.raises(figures.FigureError, match="used twice on this page \\(first at line 10\\)"):
        figures.check(dict(fig), seen, 30)


def test_a_bad_figure_fails_the_real_build(project_copy):
    """The hook is wired into the build: a figure without alt text stops `mkdocs build` with file and line."""
    page = project_copy / "docs" / "sv" / "lektioner" / "05-folj-upp.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("alt: Sex saker att göra varje dag.", "nalt: Sex saker att göra varje dag.", 1), "utf-8")
    result = build(project_copy, BUILD_EN="false")
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if l == "id: fig-daglig-rutin") - 1
    assert result.returncode != 0
    assert f"05-folj-upp.md:{line}: figure 'fig-daglig-rutin': unknown key(s) nalt" in result.stdout + result.stderr

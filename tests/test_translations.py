"""Translations: every required page exists, keeps the source's structure, is really translated, and is tracked."""
import subprocess
import sys

import pytest
import yaml

from conftest import DOCS, FIXTURES, LANGS, PROJECT, build, lang_root
from checkers import (
    check_completeness,
    check_front_matter,
    check_no_typed_numbers,
    check_outdated,
    check_really_translated,
    check_term_base,
    is_participant,
)
import re

from scripts.project import load_strings, load_yaml

BAD = FIXTURES / "bad-docs"
STRINGS = load_strings()


def built_page(root, rel: str):
    """Return the built HTML file of a source page (folder URLs: a/b.md -> a/b/index.html)."""
    stem = rel.removesuffix(".md")
    return root / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def test_manifest_pages_exist_with_the_structure_of_their_source(manifest):
    """Each language has every page in its scope, with the same headings, admonitions, images and links as Swedish."""
    problems = check_completeness(DOCS, manifest)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS[1:])
def test_translated_pages_are_written_in_their_language(lang):
    """Most letters are in the language's script (ar, fa, Dari, ti, uk); en and so pages are not Swedish."""
    problems = [p for page in sorted((DOCS / lang).rglob("*.md")) for p in check_really_translated(page, lang)]
    assert not problems, "\n".join(problems)


def test_front_matter_is_valid_and_translations_record_their_source():
    """Every page has a title; every translation says which Swedish version it translates and how it was made."""
    problems = check_front_matter(DOCS)
    assert not problems, "\n".join(problems)


def test_no_translation_is_outdated_at_release(manifest):
    """At release every translation matches today's Swedish source (the status page says the same)."""
    problems = check_outdated(DOCS, manifest)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS[1:])
def test_machine_translated_pages_tell_the_reader_in_their_language(site, lang):
    """A built machine translation shows the machine-translation notice in its own language."""
    pages = [p for p in sorted((DOCS / lang).rglob("*.md"))]
    assert pages, f"docs/{lang}/ has no pages; every language needs at least a start page."
    for page in pages:
        meta = yaml.safe_load(page.read_text("utf-8").split("---")[1])
        if meta.get("translation") == "machine":
            html = built_page(lang_root(lang), str(page.relative_to(DOCS / lang))).read_text("utf-8")
            assert STRINGS["machine_translated"][lang] in html, f"{page}: built page lacks the machine-translation notice"


def test_untranslated_page_falls_back_to_swedish_with_a_notice(site):
    """A page that is not translated yet shows the Swedish text, marked lang=sv, under a notice in the reader's language."""
    missing = [(lang, str(p.relative_to(DOCS / "sv"))) for lang in LANGS[1:]
               for p in sorted((DOCS / "sv").rglob("*.md"))
               if not (DOCS / lang / p.relative_to(DOCS / "sv")).exists() and not str(p.relative_to(DOCS / "sv")).startswith("ledare/")]
    assert missing, "every page is translated in every language: nothing to check (this test needs a fallback page)"
    for lang, rel in missing:
        html = built_page(lang_root(lang), rel).read_text("utf-8")
        assert STRINGS["not_translated"][lang] in html, f"{lang}/{rel}: no 'not translated' notice in {lang}"
        assert '<div lang="sv" dir="ltr">' in html, f"{lang}/{rel}: the Swedish text is not marked lang=sv"


def test_changing_a_swedish_page_marks_its_translation_outdated(project_copy):
    """Change a Swedish source in a scratch copy: the English page shows the outdated notice, and the status command says so."""
    source = project_copy / "docs" / "sv" / "index.md"
    translated = project_copy / "docs" / "en" / "index.md"
    status = [sys.executable, "scripts/translation_status.py"]
    before = subprocess.run(status, cwd=project_copy, capture_output=True, text=True, check=True).stdout
    assert any(l.startswith("index.md") and l.split()[1] == "up-to-date" for l in before.splitlines()), before
    source.write_text(source.read_text("utf-8") + "\nEn ny mening i källan.\n", "utf-8")
    result = build(project_copy, BUILD_EN="true")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project_copy / "site" / "en" / "index.html").read_text("utf-8")
    assert STRINGS["outdated"]["en"] in html
    after = subprocess.run(status, cwd=project_copy, capture_output=True, text=True, check=True).stdout
    assert any(l.startswith("index.md") and l.split()[1] == "outdated" for l in after.splitlines()), after
    subprocess.run(status + ["--stamp", str(translated)], cwd=project_copy, check=True, capture_output=True)
    stamped = subprocess.run(status, cwd=project_copy, capture_output=True, text=True, check=True).stdout
    assert any(l.startswith("index.md") and l.split()[1] == "up-to-date" for l in stamped.splitlines()), stamped


@pytest.mark.parametrize("lang", LANGS)
def test_participant_pages_type_no_numbers(lang):
    """Participant pages take every number from data/facts.yml, so no language can drift from the facts."""
    root = DOCS / lang
    problems = [p for page in sorted(root.rglob("*.md")) if is_participant(str(page.relative_to(root)))
                for p in check_no_typed_numbers(page)]
    assert not problems, "\n".join(problems)


# --- the same checkers on a broken fixture -----------------------------------------------------------------------

def test_checkers_fail_on_the_broken_fixture_with_file_and_line():
    """Missing translation, broken parity, malformed front matter, Swedish left in, outdated page, typed number."""
    docs, manifest = BAD / "docs", yaml.safe_load((BAD / "manifest.yml").read_text("utf-8"))
    completeness = "\n".join(check_completeness(docs, manifest))
    assert f"{docs}/ar/lektioner/01-kon.md: missing (participant pages must exist in ar" in completeness
    assert f"{docs}/so/lektioner/01-kon.md:1: level-2 headings differ" in completeness
    assert f"{docs}/so/lektioner/01-kon.md:1: admonitions differ" in completeness
    front = "\n".join(check_front_matter(docs))
    assert f"{docs}/en/lektioner/01-kon.md:2: malformed front matter" in front
    assert f"{docs}/uk/lektioner/01-kon.md:1: 'translation: reviewed' needs 'reviewed_by:'" in front
    swedish = "\n".join(check_really_translated(docs / "so" / "lektioner" / "01-kon.md", "so"))
    assert "the page still holds Swedish text" in swedish
    assert not check_really_translated(docs / "uk" / "lektioner" / "01-kon.md", "uk")
    outdated = "\n".join(check_outdated(docs, manifest))
    assert f"{docs}/uk/lektioner/01-kon.md:1: translates an older version" in outdated
    numbers = "\n".join(check_no_typed_numbers(docs / "sv" / "lektioner" / "01-kon.md"))
    assert f"{docs}/sv/lektioner/01-kon.md:12: a number is typed by hand" in numbers


def test_script_check_catches_latin_text_in_an_arabic_page(tmp_path):
    """An 'Arabic' page that is really English fails the script check."""
    page = tmp_path / "ar.md"
    page.write_text("---\ntitle: x\n---\n\n# Register in the queue\n\nYou register in the queue (bostadskö) online.\n", "utf-8")
    assert "of the letters are Arabic script" in "\n".join(check_really_translated(page, "ar"))


@pytest.mark.parametrize("lang", LANGS[1:])
def test_lessons_use_the_term_base(lang):
    """Every key word listed in a translated lesson uses the one translation in data/terms/<lang>.yml."""
    terms_file = PROJECT / "data" / "terms" / f"{lang}.yml"
    assert terms_file.exists(), f"{terms_file} is missing: each language keeps its key words in one term base."
    terms = load_yaml(terms_file)["terms"]
    problems = [p for page in sorted((DOCS / lang / "lektioner").glob("*.md")) for p in check_term_base(page, terms)]
    assert not problems, "\n".join(problems)


def test_term_base_check_catches_a_second_translation(tmp_path):
    """A lesson that calls kötid something else than the term base fails, naming the line."""
    page = tmp_path / "lektion.md"
    page.write_text("# X\n\n## Words { #ord }\n\nwaiting time (kötid)\n:   The time you have been in the queue.\n\n## Next { #x }\n", "utf-8")
    assert f"{page}:5: 'kötid' is translated 'waiting time' here but 'queue time'" in "\n".join(check_term_base(page, {"kötid": "queue time"}))


def term_base(lang: str) -> dict:
    """Return a language's term base (data/terms/<lang>.yml), refusing duplicate keys."""
    return load_yaml(PROJECT / "data" / "terms" / f"{lang}.yml")


@pytest.mark.parametrize("lang", LANGS[1:])
def test_offer_and_viewing_invitation_are_kept_apart(lang):
    """Lesson 06 teaches that an offer (erbjudande) is not an invitation to a viewing (inbjudan, visning): their
    terms share no word and no word begins like the other, so a reader cannot take one for the other."""
    terms = term_base(lang)["terms"]
    offer = set(re.findall(r"\w+", terms["erbjudande"].lower()))
    invitation = set(re.findall(r"\w+", f"{terms['inbjudan']} {terms['visning']}".lower()))
    shared = {(a, b) for a in offer for b in invitation if a == b or a[:3] == b[:3]}
    assert not shared, f"data/terms/{lang}.yml: erbjudande '{terms['erbjudande']}' looks like {sorted(shared)}. Choose distinct terms."


def retired_terms_in(page, retired: dict) -> list[str]:
    """Return each line of a page that uses a retired term."""
    return [f"{page}:{n}: '{term}' is retired ({why}). Use the term base's term."
            for n, line in enumerate(page.read_text("utf-8").splitlines(), start=1)
            for term, why in retired.items() if term in line]


@pytest.mark.parametrize("lang", LANGS[1:])
def test_no_page_uses_a_retired_term(lang):
    """A term the term base has retired (a wrong translation) is gone from every page of the language."""
    retired = term_base(lang).get("retired") or {}
    found = [p for page in sorted((DOCS / lang).rglob("*.md")) for p in retired_terms_in(page, retired)]
    assert not found, "\n".join(found)


def test_retired_term_check_catches_an_old_term(tmp_path):
    """The Tigrinya term that blurred offer and invitation is caught, with its line, if a page brings it back."""
    retired = term_base("ti").get("retired") or {}
    assert "ዕድመ" in retired, "the retired Tigrinya offer term must stay listed"
    page = tmp_path / "06.md"
    page.write_text("# ርእሲ\n\nዕድመ (erbjudande)\n", "utf-8")
    assert [p.split(": ")[0] for p in retired_terms_in(page, retired)] == [f"{page}:3"]

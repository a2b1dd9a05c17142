"""Bad input never reaches a reader: each case a translator, a district or an attacker could make stops the build
or a test, with a message naming the file and line and saying what to do."""
import re

import pytest

from conftest import DOCS, FIXTURES, PROJECT, build, failed_build
from scripts.content_rules import (
    contact_problems, empty_boxes, leftover_placeholders, markup_problems, mark_swedish_brackets, public_contacts,
    swedish_blocks,
)
from scripts.project import DataError, load_edition, load_facts, load_strings, load_yaml, manifest

BAD = FIXTURES / "bad-input"
FACTS = PROJECT / "data" / "facts.yml"
EDITION = PROJECT / "editions" / "hasselby-vallingby.yml"


def problems_in(fixture: str, rule) -> list[str]:
    """Run a content rule on a fixture page and return its messages."""
    path = BAD / fixture
    return rule(path, path.read_text("utf-8"))


# --- data is typed, and no key is written twice ---------------------------------------------------------------------

@pytest.mark.parametrize("bad, expected", [
    ("null", "a whole number (kind 'kronor'), not None"),
    ("[200, 210]", "a whole number (kind 'kronor'), not [200, 210]"),
    ("{amount: 200}", "a whole number (kind 'kronor'), not {'amount': 200}"),
    ("2OO", "a whole number (kind 'kronor'), not '2OO'"),
    ('"200"', "a whole number (kind 'kronor'), not '200'"),
])
def test_a_fact_of_the_wrong_kind_is_refused_with_file_and_line(tmp_path, bad, expected):
    """A queue fee that is null, a list, a mapping or '2OO' never becomes 'Köavgiften är None kronor'."""
    facts = tmp_path / "facts.yml"
    text = FACTS.read_text("utf-8")
    facts.write_text(text.replace("  value: 200\n", f"  value: {bad}\n", 1), "utf-8")
    line = text.splitlines().index("  value: 200") + 1
    with pytest.raises(DataError) as e:
        load_facts(facts)
    assert f"{facts}:{line}: fact 'queue_fee_sek': the value must be {expected}" in str(e.value)


def test_a_fact_key_written_twice_is_refused_with_both_lines(tmp_path):
    """The second queue_fee_sek would silently win and drop the conflict status; both lines are named."""
    facts = tmp_path / "facts.yml"
    text = FACTS.read_text("utf-8")
    facts.write_text(text + "\nqueue_fee_sek:\n  value: 210\n", "utf-8")
    first = text.splitlines().index("queue_fee_sek:") + 1
    second = len(text.splitlines()) + 2
    with pytest.raises(DataError, match=rf"{facts}:{second}: key 'queue_fee_sek' is written twice \(first on line {first}\)"):
        load_facts(facts)


@pytest.mark.parametrize("data_file", ["strings.yml", "manifest.yml", "terms/so.yml", "facts.yml"])
def test_every_data_file_refuses_a_duplicate_key(tmp_path, data_file):
    """Strings, terms, manifest and facts all fail on a key written twice, naming both lines."""
    original = PROJECT / "data" / data_file
    copy = tmp_path / original.name
    lines = original.read_text("utf-8").splitlines()
    first = next(i for i, l in enumerate(lines) if re.match(r"^[a-z_]+:", l))
    copy.write_text("\n".join(lines + lines[first:first + 1] + ["  x: y"]) + "\n", "utf-8")
    with pytest.raises(DataError, match=rf"{copy}:{len(lines) + 1}: key '.*' is written twice \(first on line {first + 1}\)"):
        load_yaml(copy)


def test_the_real_data_is_valid():
    """The shipped facts, strings, manifest and editions load without a problem."""
    assert load_facts() and load_strings() and manifest()
    for edition in sorted((PROJECT / "editions").glob("*.yml")):
        load_edition(edition.stem)


# --- placeholders are all or nothing --------------------------------------------------------------------------------

def test_misspelt_placeholders_are_found_with_their_lines():
    """Upper case, hyphens, a space after the dot, one closing brace: none is published as raw braces."""
    path = BAD / "placeholders.md"
    found = leftover_placeholders(path, path.read_text("utf-8"), path.read_text("utf-8"))
    assert [p.split(": ")[0] for p in found] == [f"{path}:{n}" for n in (7, 9, 11, 13)], found
    assert "'{{ fact.Queue_fee_sek }}' is not a placeholder the build knows" in found[0]


def test_a_misspelt_placeholder_stops_the_build(project_copy):
    """In a real (scratch) build, '{{ fact.Queue_fee_sek }}' stops the build at its line."""
    page = project_copy / "docs" / "sv" / "index.md"
    text = page.read_text("utf-8")
    page.write_text(text + "\nKöavgiften är {{ fact.Queue_fee_sek }} kronor.\n", "utf-8")
    assert f"docs/sv/index.md:{len(text.splitlines()) + 2}: '{{{{ fact.Queue_fee_sek }}}}' is not a placeholder" in failed_build(project_copy)


# --- content is text, not code --------------------------------------------------------------------------------------

def test_scripts_handlers_frames_and_javascript_links_are_refused():
    """Each piece of code in a page source is named with its line."""
    found = "\n".join(problems_in("code-in-content.md", markup_problems))
    path = BAD / "code-in-content.md"
    for line, what in ((7, "<script>"), (9, "'onmouseover='"), (11, "'javascript:'"), (13, "<iframe>"), (2, "title holds")):
        assert re.search(rf"{re.escape(str(path))}:{line}: .*{re.escape(what)}", found), (line, what, found)


def test_markup_in_a_title_stops_the_build(project_copy):
    """A title with markup would go unescaped into every menu; the build stops at the front matter line."""
    page = project_copy / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: <b onmouseover=alert(1)>Hi</b> ", 1), "utf-8")
    assert re.search(r"docs/en/index\.md:2: the title holds '<' or '>'", failed_build(project_copy, BUILD_EN="true"))


def test_inserted_texts_are_escaped(project_copy):
    """A district text with '<' and '&' is shown as text, never as markup."""
    edition = project_copy / "editions" / "hasselby-vallingby.yml"
    edition.write_text(edition.read_text("utf-8").replace("  name: Hässelby-Vällingby", "  name: Hässelby & Vällingby 1<2", 1), "utf-8")
    result = build(project_copy)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (project_copy / "site" / "index.html").read_text("utf-8")
    assert "Hässelby &amp; Vällingby 1&lt;2" in html and "1<2" not in html


# --- Swedish left in a translation, block by block ------------------------------------------------------------------

def test_pasted_swedish_paragraphs_are_found_one_by_one():
    """Four Swedish paragraphs in a Somali page: each is named with its line, the Somali ones are not."""
    found = problems_in("so-pasted-swedish.md", swedish_blocks)
    path = BAD / "so-pasted-swedish.md"
    assert [p.split(": ")[0] for p in found] == [f"{path}:{n}" for n in (12, 14, 16, 18)], found
    assert "this text reads as Swedish" in found[0]


def test_a_swedish_table_cell_in_an_arabic_page_is_found():
    """The page is mostly Arabic script, but one table cell is Swedish: its line is named."""
    found = problems_in("ar-pasted-swedish.md", swedish_blocks)
    assert [p.split(": ")[0] for p in found] == [f"{BAD / 'ar-pasted-swedish.md'}:14"], found


def test_no_translated_page_holds_a_swedish_block():
    """Every real translation passes the block check (key words in brackets are allowed)."""
    found = [p for page in sorted(DOCS.rglob("*.md")) if page.relative_to(DOCS).parts[0] != "sv"
             for p in swedish_blocks(page, page.read_text("utf-8"))]
    assert not found, "\n".join(found)


def test_swedish_phrases_in_brackets_are_marked_swedish():
    """A Swedish phrase of three words or more kept in brackets gets lang="sv"; a single key word is left as it is."""
    html = mark_swedish_brackets('<p>غرفتان (rum och kök) و (kötid) <a title="(rum och kök)">x</a></p>')
    assert html == '<p>غرفتان (<span lang="sv">rum och kök</span>) و (kötid) <a title="(rum och kök)">x</a></p>'


# --- boxes have a body ----------------------------------------------------------------------------------------------

def test_a_box_without_its_indented_body_is_found():
    """The warning's text lost its indent: the box line is named, the good box is not."""
    found = problems_in("empty-box.md", empty_boxes)
    assert [p.split(": ")[0] for p in found] == [f"{BAD / 'empty-box.md'}:7"], found


# --- editions -------------------------------------------------------------------------------------------------------

def edition_with(tmp_path, old: str, new: str) -> str:
    """Write a copy of the default edition with one change; return its name."""
    text = EDITION.read_text("utf-8")
    assert old in text, old
    (tmp_path / "bad.yml").write_text(text.replace(old, new, 1), "utf-8")
    return "bad"


@pytest.mark.parametrize("url, expected", [
    ("http://vagen.stockholm.se/", "site_url must be the site's absolute https address"),
    ("vagen.stockholm.se/", "site_url must be the site's absolute https address"),
    ("javascript:alert(1)//", "site_url must be the site's absolute https address"),
    ("https://host.se/vagen", "site_url must end with '/'"),
])
def test_an_edition_site_url_must_be_absolute_https_with_a_slash(tmp_path, url, expected):
    """QR codes and links need the real, absolute https address, ending in '/' so a sub-path is kept."""
    assert f"bad.yml:5: {expected}" in refusal(tmp_path, "site_url: https://vagen.example.org/", f"site_url: {url}")


def refusal(tmp_path, old: str, new: str) -> str:
    """Return the message with which loading an edition with one change is refused."""
    edition_with(tmp_path, old, new)
    with pytest.raises(DataError) as e:
        load_edition("bad", tmp_path)
    return str(e.value)


def test_an_edition_with_a_persons_contact_details_is_refused(tmp_path):
    """A counsellor text with a mobile number and an e-mail address never reaches eight pages."""
    before = "  counsellor:\n    sv: "
    assert re.search(r"bad\.yml:\d+: district: counsellor \(sv\): the e-mail address 'anna\.a@example\.se'",
                     refusal(tmp_path, before, before + "Ring Anna på 070-123 45 67 eller anna.a@example.se. "))
    assert "district: counsellor (sv): the phone number '070-123 45 67'" in refusal(tmp_path, before, before + "Ring Anna på 070-123 45 67. ")


def test_an_edition_text_without_swedish_is_refused(tmp_path):
    """A text given per language must have Swedish, or pages would print 'Tid: None'."""
    sv = "  meeting_time:\n    sv: Samma dag och tid varje vecka. Cirkelledaren berättar när\n"
    assert re.search(r"bad\.yml:\d+: district: meeting_time has no Swedish text", refusal(tmp_path, sv, "  meeting_time:\n"))


def test_a_misspelt_local_queue_is_refused(tmp_path):
    """A host lesson 3 does not know would silently drop the queue; it is named with its line."""
    assert "bad.yml:9: local_queues: 'telge.se' is not a queue lesson 3 knows" in refusal(tmp_path, "  - www.telge.se", "  - telge.se")


def test_public_numbers_pass_and_a_persons_number_does_not():
    """The facts' public numbers (police, Skatteverket) are allowed anywhere; any other number is not."""
    allowed = public_contacts(load_facts())
    assert not contact_problems(FACTS, "Ring 0771-567 567 eller 114 14.", allowed)
    assert contact_problems(FACTS, "Ring 08-123 45 67.", allowed)


# --- the manifest ---------------------------------------------------------------------------------------------------

def test_a_manifest_pattern_that_matches_nothing_is_refused(tmp_path):
    """A wrong glob would make the status page list no worksheets at all."""
    copy = tmp_path / "manifest.yml"
    text = (PROJECT / "data" / "manifest.yml").read_text("utf-8")
    copy.write_text(text.replace("arbetsblad/*.md", "arbetsblad/*.mdx"), "utf-8")
    line = text.splitlines().index("      - arbetsblad/*.md") + 1
    with pytest.raises(DataError, match=rf"{copy}:{line}: section 'participant': 'arbetsblad/\*\.mdx' matches no page"):
        manifest(copy)


# --- strict means strict --------------------------------------------------------------------------------------------

def test_a_broken_link_fails_every_build_the_tests_run(project_copy):
    """No build hides warnings (-q did): a broken link fails the scratch build, as it fails `make site`."""
    page = project_copy / "docs" / "sv" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[Trasig länk](finns-inte.md)\n", "utf-8")
    result = build(project_copy)
    assert result.returncode != 0 and "finns-inte.md" in result.stdout + result.stderr


def test_no_build_command_hides_warnings():
    """Neither the Makefile nor the tests pass -q/--quiet to mkdocs."""
    sources = [PROJECT / "Makefile", *sorted(p for p in (PROJECT / "tests").glob("*.py") if p.name != "test_input.py")]
    quiet = [f"{p.name}:{n}" for p in sources for n, line in enumerate(p.read_text("utf-8").splitlines(), start=1)
             if "mkdocs" in line.lower() and re.search(r"""["' ](-q|--quiet)\b""", line)]
    assert not quiet, f"these builds hide warnings with -q: {quiet}"


"""The strict build: it passed for the real site, and it stops with a clear message on bad input."""
import re

from conftest import PROJECT, failed_build

BUILD_LOG = PROJECT / "build" / "mkdocs-build.log"


def test_strict_build_had_no_warnings(site):
    """`make site` keeps the log of its strict build; it must hold no warning or error."""
    assert BUILD_LOG.exists(), "build/mkdocs-build.log is missing: build with `make site`, which keeps the log."
    bad = [l for l in BUILD_LOG.read_text("utf-8").splitlines() if re.match(r"(WARNING|ERROR)\b", l)]
    assert not bad, "The strict build logged:\n" + "\n".join(bad)


def test_unknown_fact_stops_the_build_naming_file_and_line(project_copy):
    """A misspelt fact placeholder fails the build with the file, line and the fix."""
    page = project_copy / "docs" / "sv" / "index.md"
    text = page.read_text("utf-8")
    page.write_text(text + "\nKöavgiften är {{ fact.queue_fe_sek }} kronor.\n", "utf-8")
    line = len(text.splitlines()) + 2
    assert f"docs/sv/index.md:{line}: unknown fact 'queue_fe_sek'" in failed_build(project_copy)


def test_malformed_front_matter_stops_the_build_naming_file_and_line(project_copy):
    """A page whose front matter is not valid YAML fails the build with the file and line."""
    page = project_copy / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8").replace("title:", "title: [unclosed", 1), "utf-8")
    assert re.search(r"docs/en/index\.md:\d+: malformed front matter", failed_build(project_copy, BUILD_EN="true"))


def test_misspelt_district_key_stops_the_build_naming_it(project_copy):
    """An edition that misspells a district detail is told which key, where, and which keys exist."""
    edition = project_copy / "editions" / "hasselby-vallingby.yml"
    text = edition.read_text("utf-8")
    edition.write_text(text.replace("  meeting_place:", "  meetingplace:", 1), "utf-8")
    line = text.splitlines().index("  meeting_place:") + 1
    assert f"editions/hasselby-vallingby.yml:{line}: district: missing key(s) meeting_place; unknown key(s) meetingplace" in failed_build(project_copy)


def test_missing_edition_key_stops_the_build_naming_it(project_copy):
    """An edition without its site address fails and says which key is missing."""
    edition = project_copy / "editions" / "hasselby-vallingby.yml"
    edition.write_text(edition.read_text("utf-8").replace("site_url:", "site_adress:", 1), "utf-8")
    assert "unknown key 'site_adress'" in failed_build(project_copy)

"""Native-speaker review: packets hold every segment of every page side by side, and a recorded review takes a page
out of the next packet until its Swedish source (or its translation) changes."""
import csv
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import LANGS, build
from scripts.review_packet import built_page, make, packet, participant_pages, segments


@pytest.mark.parametrize("lang", LANGS[1:])
def test_a_packet_has_every_segment_of_every_page_aligned(site, lang):
    """Each participant page has as many segments as its Swedish source, in the same order, all in the packet."""
    rows = packet(site, lang)
    pages = participant_pages(lang)
    assert {r["page"] for r in rows} == set(pages), "an unreviewed page is missing from the packet"
    for rel in pages:
        sv = [text for _, text in segments(built_page(site, "sv", rel))]
        in_packet = [r for r in rows if r["page"] == rel]
        assert [r["swedish"] for r in in_packet] == sv, f"{lang}/{rel}: the packet does not hold every Swedish segment in order"
        assert all(r["translation"] for r in in_packet), f"{lang}/{rel}: a segment has no translation"
    assert not any("{{" in r["translation"] for r in rows), "facts must be filled in"


def test_the_packet_files_print_on_a4_and_open_as_a_spreadsheet(site, tmp_path):
    """The Tigrinya packet: a spreadsheet row per segment plus a sign-off row per page, and an A4 PDF."""
    sizes = make(site, ["ti"], tmp_path)
    pages, count = sizes["ti"]
    with (tmp_path / "ti" / "granskning-ti.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) == count + pages and sum(r["segment"] == "sign-off" for r in rows) == pages
    pdf = PdfReader(tmp_path / "ti" / "granskning-ti.pdf")
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert len(pdf.pages) >= pages


def run(project, *args) -> subprocess.CompletedProcess:
    """Run scripts/review_packet.py in a project copy."""
    return subprocess.run([sys.executable, "scripts/review_packet.py", *args], cwd=project, capture_output=True, text=True)


def packet_pages(project) -> set[str]:
    """Make the English packet in a project copy and return the pages it holds."""
    made = run(project, "make", "en", "--site", "site", "--out", "review", "--no-pdf")  # the PDF: test above
    assert made.returncode == 0, made.stderr
    with (project / "review" / "en" / "granskning-en.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["page"] for r in csv.DictReader(f, delimiter=";")}


def test_a_recorded_review_clears_the_page_until_its_source_changes(project_copy):
    """Record a review of the English start page: it leaves the packet; when the Swedish page changes and the
    translator updates the translation, it comes back with the changed segment marked."""
    assert build(project_copy, BUILD_EN="true").returncode == 0
    assert "index.md" in packet_pages(project_copy)
    recorded = run(project_copy, "record", "docs/en/index.md", "--by", "engelsktalande granskare", "--date", "2026-11-28")
    assert recorded.returncode == 0, recorded.stderr
    front = (project_copy / "docs" / "en" / "index.md").read_text("utf-8").split("---")[1]
    assert "translation: reviewed" in front and 'reviewed_by: "engelsktalande granskare, 2026-11-28"' in front
    assert "index.md" not in packet_pages(project_copy)

    source = project_copy / "docs" / "sv" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nEn ny mening i källan.\n", "utf-8")
    translation = project_copy / "docs" / "en" / "index.md"
    translation.write_text(translation.read_text("utf-8") + "\nA new sentence in the source.\n", "utf-8")
    assert subprocess.run([sys.executable, "scripts/translation_status.py", "--stamp", "docs/en/index.md"],
                          cwd=project_copy, capture_output=True).returncode == 0
    assert build(project_copy, BUILD_EN="true").returncode == 0
    assert "index.md" in packet_pages(project_copy)
    with (project_copy / "review" / "en" / "granskning-en.csv").open(encoding="utf-8-sig", newline="") as f:
        changed = [r["swedish"] for r in csv.DictReader(f, delimiter=";") if r["page"] == "index.md" and r["changed"] == "*"]
    assert changed == ["En ny mening i källan."]


def test_recording_refuses_an_outdated_page_and_contact_details(project_copy):
    """A review is recorded only for a page that translates today's Swedish, and by role or initials."""
    source = project_copy / "docs" / "sv" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nÄndrad.\n", "utf-8")
    outdated = run(project_copy, "record", "docs/en/index.md", "--by", "granskare")
    assert outdated.returncode != 0 and "translates an older Swedish version" in outdated.stderr
    named = run(project_copy, "record", "docs/en/index.md", "--by", "anna@example.se")
    assert named.returncode != 0 and "give a role, or a role and initials" in named.stderr

"""Publishing honestly: facts say whether a person checked them, QR codes to an unpublished address are marked,
a release build refuses a placeholder address, and the term-start fact checklist matches the facts."""
import csv
import re
import subprocess
import zipfile
import sys

import pytest
from pypdf import PdfReader

from conftest import LANGS, PROJECT, build, lang_root
from scripts import fact_checklist
from scripts.project import load_facts, load_strings

STRINGS = load_strings()
BUILD_LOG = PROJECT / "build" / "mkdocs-build.log"


def pdf_text(path, pages=None) -> str:
    """Return the text of a PDF's first pages as one line (words hyphenated at a line end joined again)."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages[:pages])
    return re.sub(r"[‐-]\n", "", text).replace("\n", " ")


def test_the_default_build_warns_about_its_placeholder_address(site):
    """The default edition's address is example.org: `make site` ends with a clear warning."""
    log = BUILD_LOG.read_text("utf-8")
    assert "Vägen: publishing warning: the site address https://vagen.example.org/" in log
    assert "facts have never been checked by a person" in log


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_to_a_placeholder_address_carry_a_mark_in_the_page_language(site, lang):
    """Each lesson's printed QR code says, in the page's language, that the address is not published yet (the code
    is print-only: it is in the offline copy's pages and the booklet, not in the web page)."""
    with zipfile.ZipFile(site / "offline" / f"vagen-{lang}.zip") as z:
        html = z.read(f"vagen/{'' if lang == 'sv' else lang + '/'}lektioner/03-bostadskon.html").decode("utf-8")
    assert f'<p class="qr-unpublished"><strong>{STRINGS["qr_unpublished"][lang]}</strong></p>' in html


def test_every_code_on_the_handout_page_and_in_the_pdfs_is_marked(site):
    """The handout page marks each of its codes; the booklet and leader PDFs show the mark in print."""
    html = (site / "ledare" / "qr-blad" / "index.html").read_text("utf-8")
    assert html.count('class="qr-unpublished"') == html.count('<svg role="img"') > 0
    assert STRINGS["qr_unpublished"]["sv"] in pdf_text(site / "pdf" / "deltagarhafte.pdf", 12)
    assert STRINGS["qr_unpublished"]["en"] in pdf_text(site / "en" / "pdf" / "cirkelledarvagledning.pdf")


def test_a_release_build_refuses_a_placeholder_address_and_accepts_a_real_one(project_copy):
    """`make release` (VAGEN_RELEASE=1) stops on example.org; with a real https address it builds, unmarked."""
    refused = build(project_copy, VAGEN_RELEASE="1")
    assert refused.returncode != 0
    assert "hasselby-vallingby.yml: site_url https://vagen.example.org/ is a placeholder address" in refused.stdout + refused.stderr
    edition = project_copy / "editions" / "hasselby-vallingby.yml"
    edition.write_text(edition.read_text("utf-8").replace("https://vagen.example.org/", "https://vagen.stockholm.se/"), "utf-8")
    released = build(project_copy, VAGEN_RELEASE="1")
    assert released.returncode == 0, released.stderr[-3000:]
    assert "the site address" not in released.stderr
    lesson = (project_copy / "site" / "lektioner" / "03-bostadskon" / "index.html").read_text("utf-8")
    assert "https://vagen.stockholm.se/lektioner/03-bostadskon/" in lesson and "qr-unpublished" not in lesson


def run_checklist(project, *args) -> subprocess.CompletedProcess:
    """Run scripts/fact_checklist.py in a project copy."""
    return subprocess.run([sys.executable, "scripts/fact_checklist.py", *args], cwd=project, capture_output=True, text=True)


def fill(checklist, new_values: dict) -> None:
    """Tick every row of a checklist spreadsheet and write the given new values."""
    with checklist.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    for row in rows:
        row["ok"] = "x"
        row["new_value"] = str(new_values.get(row["fact"], ""))
    with checklist.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fact_checklist.COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


def test_a_recorded_check_changes_the_facts_page_the_cover_and_the_warnings(project_copy):
    """Record an old check, then a new one with a new fee: the warning, the facts page and the booklet cover follow."""
    made = run_checklist(project_copy, "make", "--out", "checklist")
    assert made.returncode == 0, made.stderr
    checklist = project_copy / "checklist" / "faktakontroll-hasselby-vallingby.csv"
    fill(checklist, {})
    assert run_checklist(project_copy, "record", str(checklist), "--by", "bostadsvägledare AB", "--date", "2025-01-02").returncode == 0
    old = build(project_copy)
    assert old.returncode == 0, old.stderr[-3000:]
    count = len(load_facts(project_copy / "data" / "facts.yml"))
    assert f"{count} facts were last checked by a person more than six months ago" in old.stderr
    assert "never been checked" not in old.stderr

    fill(checklist, {"queue_fee_sek": 210})
    recorded = run_checklist(project_copy, "record", str(checklist), "--by", "bostadsvägledare AB", "--date", "2026-11-20")
    assert recorded.returncode == 0, recorded.stderr
    assert load_facts(project_copy / "data" / "facts.yml")["queue_fee_sek"]["value"] == 210
    new = build(project_copy, VAGEN_PDF="1")
    assert new.returncode == 0, new.stderr[-3000:]
    assert "checked by a person more than six months ago" not in new.stderr
    facts_page = (project_copy / "site" / "fakta-och-kallor" / "index.html").read_text("utf-8")
    assert '">210</td>' in facts_page and facts_page.count("<bdi>2026-11-20</bdi>") == count
    assert STRINGS["fact_not_checked"]["sv"] not in facts_page
    cover = pdf_text(project_copy / "site" / "pdf" / "deltagarhafte.pdf", 1)
    assert "Äldsta kontrollen: 2026-11-20" in cover


def test_before_any_check_pages_and_cover_say_no_person_has_checked(site):
    """Today no person has checked the facts: the facts page says so per fact, and the cover says so."""
    facts_page = (site / "fakta-och-kallor" / "index.html").read_text("utf-8")
    assert facts_page.count(STRINGS["fact_not_checked"]["sv"]) == len(load_facts())
    cover = pdf_text(site / "pdf" / "deltagarhafte.pdf", 1)
    assert "Ingen person har kontrollerat dem på webbplatserna än" in cover


def test_recording_refuses_a_name_with_contact_details(tmp_path, project_copy):
    """The check is recorded by role or initials, never with a phone number or address."""
    result = run_checklist(project_copy, "record", "x.csv", "--by", "Anna 0701234567")
    assert result.returncode != 0 and "give a role, or a role and initials" in result.stderr


@pytest.mark.parametrize("edition", sorted(p.stem for p in (PROJECT / "editions").glob("*.yml")))
def test_the_checklist_lists_every_fact_for_every_edition(tmp_path, edition):
    """The spreadsheet has one row per fact with its value, kind and source; the PDF is A4."""
    csv_path, pdf_path = fact_checklist.make(edition, tmp_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    facts = load_facts()
    assert [r["fact"] for r in rows] == list(facts)
    for row in rows:
        fact = facts[row["fact"]]
        assert (row["value"], row["kind"], row["source"]) == (str(fact["value"]), fact["kind"], fact["source"])
        assert row["used_on"] or row["fact"].startswith(("circle_", "contract_buying")), f"{row['fact']}: no page uses it"
    page = PdfReader(pdf_path).pages[0]
    assert sorted(round(float(x) / 72 * 25.4) for x in (page.mediabox.width, page.mediabox.height)) == [210, 297]

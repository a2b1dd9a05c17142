"""Content rules on the built site: easy Swedish (LIX), no personal data from the seeds, facts with sources."""
import hashlib
import re
from datetime import date


from conftest import DOCS, PROJECT, SITE
from checkers import html_pages, is_participant
from scripts.lix import lix_of_file
from scripts.project import load_facts

LIX_LIMIT = 30


def swedish_participant_pages() -> list:
    """Return (source path, built page) for every Swedish participant page."""
    pairs = []
    for src in sorted((DOCS / "sv").rglob("*.md")):
        rel = str(src.relative_to(DOCS / "sv"))
        if is_participant(rel):
            stem = rel.removesuffix(".md")
            pairs.append((rel, SITE / ("index.html" if stem == "index" else f"{stem}/index.html")))
    return pairs


def lix_report() -> list[tuple[str, float, int]]:
    """Return (page, LIX, words) for every built Swedish participant page."""
    return [(rel, *lix_of_file(built)) for rel, built in swedish_participant_pages() if built.exists()]


def test_swedish_participant_pages_are_easy_to_read(site):
    """Each Swedish participant page has a LIX of 30 or less (every block counts as ending a sentence)."""
    report = lix_report()
    assert len(report) == len(swedish_participant_pages()), "some Swedish participant pages were not built"
    hard = [f"docs/sv/{rel}: LIX {lix:.1f} (limit {LIX_LIMIT}); shorten sentences or long words" for rel, lix, _ in report if lix > LIX_LIMIT]
    assert not hard, "\n".join(hard)


SEED_HASHES = PROJECT / "tests" / "data" / "seed-contacts.sha256"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<![\d-])0\d{1,3}[- ]?\d{2,3}[ ]?\d{2}[ ]?\d{2,3}(?![\d-])")


def contact_hashes(text: str) -> dict[str, str]:
    """Return sha256 -> contact for every email address and phone-number-like string in a text."""
    found = {e.lower() for e in EMAIL.findall(text)} | {re.sub(r"\D", "", p) for p in PHONE.findall(text)}
    return {hashlib.sha256(c.encode()).hexdigest(): c for c in found if len(c) >= 8}


def test_no_personal_contact_details_from_the_seeds(site):
    """No phone number or email address of the real people in the seed documents is published (checked by hash)."""
    known = {l for l in SEED_HASHES.read_text("utf-8").splitlines() if l and not l.startswith("#")}
    assert known, f"{SEED_HASHES} is empty"
    leaks = []
    for page in html_pages(site):
        leaks += [f"{page.relative_to(site)}: {c}" for h, c in contact_hashes(page.read_text("utf-8")).items() if h in known]
    assert not leaks, "personal contact details from the seeds are on the site:\n" + "\n".join(leaks)


def test_contact_check_recognises_a_listed_number():
    """A listed number is recognised however it is spaced (a made-up number, not one from the seeds)."""
    listed = hashlib.sha256(b"081234567").hexdigest()
    assert listed in contact_hashes("<p>Ring 08-123 45 67 i dag.</p>")
    assert listed not in contact_hashes("<p>Ring 08-765 43 21 i dag.</p>")


def test_every_fact_has_a_source_and_says_how_it_was_read():
    """data/facts.yml: each fact has an https source, the month it was read (not in the future) and how."""
    for key, fact in load_facts().items():
        assert str(fact["source"]).startswith("https://"), f"data/facts.yml: {key}: source is not https"
        assert str(fact["read"]) <= date.today().strftime("%Y-%m"), f"data/facts.yml: {key}: read in the future"
        assert fact["read_from"] in ("stored copy", "live page"), f"data/facts.yml: {key}: read_from"

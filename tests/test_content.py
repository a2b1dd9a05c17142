"""Content rules on the built site: easy Swedish (LIX), no personal data from the seeds, facts with sources."""
import re
from datetime import date

import pytest

from conftest import DOCS, PROJECT, SITE
from checkers import html_pages, is_participant
from scripts.lix import lix_of_file
from scripts.project import load_facts

LIX_LIMIT = 30
SEEDS = PROJECT.parent / "shared" / "seeds"


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


def seed_contacts() -> set[str]:
    """Phone numbers and email addresses that appear in the seed documents (real people's details)."""
    found = set()
    for seed in SEEDS.glob("*.txt"):
        text = seed.read_text("utf-8", errors="replace")
        found |= set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text))
        found |= {re.sub(r"\D", "", m) for m in re.findall(r"(?<!\d)0\d{1,3}[- ]?\d{2,3}[ ]?\d{2}[ ]?\d{2,3}(?!\d)", text)}
    return {f for f in found if len(f) >= 6}


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not next to this checkout")
def test_no_personal_contact_details_from_the_seeds(site):
    """No phone number or email address from the seed documents is published."""
    contacts = seed_contacts()
    leaks = []
    for page in html_pages(site):
        text = page.read_text("utf-8")
        digits = re.sub(r"\D", "", text)
        leaks += [f"{page.relative_to(site)}: {c}" for c in contacts if ("@" in c and c in text) or ("@" not in c and c in digits and len(c) >= 8)]
    assert not leaks, "personal contact details from the seeds are on the site:\n" + "\n".join(leaks)


def test_every_fact_has_a_source_and_a_check_date():
    """data/facts.yml: each fact has an https source and a check date that is not in the future."""
    for key, fact in load_facts().items():
        assert str(fact["source"]).startswith("https://"), f"data/facts.yml: {key}: source is not https"
        assert date.fromisoformat(str(fact["checked"])) <= date.today(), f"data/facts.yml: {key}: checked date in the future"

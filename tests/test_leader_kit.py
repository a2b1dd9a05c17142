"""The practice kit on the built site: the participant sheets exist in Swedish, each stamped as a made-up example and
starting a printed page; the leader page (sv, en) links to every sheet and holds the key; the plans that use a sheet
link to the leader page. (The leader PDF's copy of the kit is checked in tests/test_pdf.py.)"""
from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import DOCS

SHEETS = ["kontraktskort", "meddelanden", "rollkort", "annonser", "avi", "anstallningsintyg"]
KEYS = ["facit-kontrakt", "facit-meddelanden", "facit-rollspel", "facit-annonser", "facit-avi", "facit-intyg"]
PLANS_USING_THE_KIT = ["01", "03", "05", "06", "07", "08"]
H2 = re.compile(r'<h2(?P<attrs>[^>]*\bid="(?P<id>[^"]+)"[^>]*)>(?P<text>.*?)</h2>', re.S)


def sheet_headings() -> dict[str, str]:
    """Return id -> heading text of each sheet, from the Swedish source."""
    text = (DOCS / "sv" / "ovningsmaterial.md").read_text("utf-8")
    return {m.group(2): m.group(1) for m in re.finditer(r"^## (.+?) \{ #([a-z-]+) \.sheet \}$", text, re.M)}


def headings(html: str) -> dict[str, tuple[str, str]]:
    """Return id -> (attributes, plain text) of each level-2 heading in a built page."""
    return {m["id"]: (m["attrs"], unescape(re.sub(r"<[^>]+>|\u00ad", "", m["text"])).strip()) for m in H2.finditer(html)}


def test_the_kit_has_every_sheet_each_marked_made_up_and_on_its_own_page(site):
    """The Swedish kit page has the six sheets; each heading says the sheet is made up and starts a printed page."""
    assert list(sheet_headings()) == SHEETS, f"the sheets in docs/sv/ovningsmaterial.md are {list(sheet_headings())}"
    found = headings((site / "ovningsmaterial" / "index.html").read_text("utf-8"))
    for sheet in SHEETS:
        assert sheet in found, f"sheet #{sheet} is missing from the built kit"
        attrs, text = found[sheet]
        assert "påhittat exempel" in text.lower() or "påhittade exempel" in text.lower(), f"#{sheet}: '{text}' does not say it is made up"
        assert 'class="sheet"' in attrs, f"#{sheet} lacks class 'sheet' (its page break in print)"
    css = (site / "assets" / "vagen.css").read_text("utf-8")
    assert re.search(r"@media print\s*\{[^{}]*h2\.sheet\s*\{\s*break-before:\s*page", css), "no print page break before a sheet"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_leader_page_links_to_every_sheet_and_has_the_key(site, lang):
    """The leader page, in Swedish and English, links to each sheet and has every part of the key."""
    root = site if lang == "sv" else site / lang
    html = (root / "ledare" / "ovningsmaterial" / "index.html").read_text("utf-8")
    links = set(re.findall(r'href="\.\./\.\./ovningsmaterial/#([a-z-]+)"', html))
    assert not set(SHEETS) - links, f"{lang}: the leader page does not link to {sorted(set(SHEETS) - links)}"
    assert not set(KEYS) - set(headings(html)), f"{lang}: key sections missing: {sorted(set(KEYS) - set(headings(html)))}"
    assert (root / "ovningsmaterial" / "index.html").exists(), f"{lang}: the kit page the leader page links to is not built"


def test_the_key_names_three_genuine_ads_and_three_scams():
    """The key says which three ads are scams, and the kit has six ads."""
    kit = (DOCS / "sv" / "ovningsmaterial.md").read_text("utf-8")
    assert len(re.findall(r"^title: Annons [A-F]$", kit, re.M)) == 6
    for lang, genuine, scam in (("sv", "Ser äkta ut", "Bedrägeri"), ("en", "Looks genuine", "Fraud")):
        key = (DOCS / lang / "ledare" / "ovningsmaterial.md").read_text("utf-8").partition("{ #facit-annonser }")[2]
        rows = dict(re.findall(r"^\| ([A-F]) \| ([^|]+?) \|", key, re.M))
        assert sorted(rows) == list("ABCDEF"), f"{lang}: the key has rows {sorted(rows)}"
        assert [k for k, v in rows.items() if v.startswith(genuine)] == list("ABC"), rows
        assert [k for k, v in rows.items() if v.startswith(scam)] == list("DEF"), rows


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_plans_and_the_leader_index_link_to_the_kit(site, lang):
    """Each session plan that uses a sheet, and the leader guide's start page, link to the leader's kit page."""
    root = site if lang == "sv" else site / lang
    pages = [f"traff-{n}" for n in PLANS_USING_THE_KIT] + ["."]
    missing = [p for p in pages if 'ovningsmaterial/"' not in (root / "ledare" / p / "index.html").read_text("utf-8")
               and "ovningsmaterial/#" not in (root / "ledare" / p / "index.html").read_text("utf-8")]
    assert not missing, f"{lang}: no link to the practice kit from {missing}"

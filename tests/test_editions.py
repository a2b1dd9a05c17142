"""District editions: each builds strictly, and its details reach the right pages in every language."""
import os
import subprocess
import sys

import pytest
import yaml

from conftest import LANGS, PROJECT, SITE
from scripts.project import DEFAULT_EDITION

EDITIONS = sorted(p.stem for p in (PROJECT / "editions").glob("*.yml"))


def text_in(value, lang: str) -> str:
    """Return an edition detail in a language (one text for all, or one per language with Swedish as fallback)."""
    return value.get(lang, value["sv"]) if isinstance(value, dict) else value


@pytest.fixture(scope="session", params=EDITIONS)
def edition_site(request, tmp_path_factory):
    """Build one edition, every language, web pages only; yield (edition data, site folder). The edition `make site`
    built (VAGEN_EDITION, from the Makefile's EDITION) is read from site/ itself: its strict build has already run."""
    name = request.param
    data = yaml.safe_load((PROJECT / "editions" / f"{name}.yml").read_text("utf-8"))
    if name == os.environ.get("VAGEN_EDITION", DEFAULT_EDITION) and (SITE / "index.html").exists():
        return data, SITE
    out = tmp_path_factory.mktemp(name)
    env = {**os.environ, "VAGEN_EDITION": name, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("VAGEN_PDF", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=PROJECT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"edition {name} does not build strictly:\n{result.stdout}{result.stderr}"[-4000:]
    return data, out


def test_edition_details_appear_in_every_language(edition_site):
    """The district name is on every start page, and the meeting place and counsellor on lesson 00, in each language."""
    edition, site = edition_site
    district = edition["district"]
    for lang in LANGS:
        root = site if lang == "sv" else site / lang
        assert text_in(district["name"], lang) in (root / "index.html").read_text("utf-8"), f"{lang}: no district name"
        lesson = (root / "lektioner" / "00-valkommen" / "index.html").read_text("utf-8")
        for key in ("meeting_place", "counsellor", "circle_leader"):
            assert text_in(district[key], lang) in lesson, f"{lang}: lesson 00 lacks the edition's {key}"
        qr_target = edition["site_url"] + ("" if lang == "sv" else f"{lang}/") + "lektioner/00-valkommen/"
        assert qr_target in lesson, f"{lang}: the lesson's QR code does not point at the edition's address"


def test_edition_lists_only_its_local_queues(edition_site):
    """Lesson 03 shows exactly the local queues the edition lists, in every language."""
    edition, site = edition_site
    wanted = set(edition["local_queues"])
    all_hosts = {"www.telge.se", "haningebostader.se", "www.botkyrkabyggen.se", "bostadsigtuna.se"}
    for lang in LANGS:
        root = site if lang == "sv" else site / lang
        page = (root / "lektioner" / "03-bostadskon" / "index.html").read_text("utf-8")
        shown = {h for h in all_hosts if f"https://{h}/" in page}
        assert shown == wanted, f"{lang}: lesson 03 shows {sorted(shown)}, the edition lists {sorted(wanted)}"

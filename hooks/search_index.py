"""One search index per language, so a Tigrinya phone loads only Tigrinya."""
from __future__ import annotations

import json
from pathlib import Path

from scripts.project import DEFAULT_LANG, LANGS

STEMMED = {"sv", "en", "ar"}  # languages with a lunr stemmer in Material; the others search whole words


def language_of(location: str) -> str:
    """Return the language of a search entry from its location."""
    first = location.split("/", 1)[0]
    return first if first in LANGS and first != DEFAULT_LANG else DEFAULT_LANG


def split(site_dir: Path) -> None:
    """Split the i18n plugin's one index into site/<lang>/search/search_index.json."""
    combined = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    for lang in LANGS:
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        docs = [{**doc, "location": doc["location"].removeprefix(prefix)}
                for doc in combined["docs"] if language_of(doc["location"]) == lang]
        index = {
            # An empty pipeline leaves Material's search without results; English stop words touch no other script.
            "config": {**combined["config"], "lang": [lang if lang in STEMMED else "en"], "pipeline": ["stopWordFilter"]},
            "docs": docs,
        }
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

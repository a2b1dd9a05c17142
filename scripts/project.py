"""Shared project facts: languages, data files, front matter and translation status."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"
DEFAULT_LANG = "sv"
LANGS = ["sv", "en", "ar", "fa", "fa-AF", "so", "ti", "uk"]
RTL_LANGS = {"ar", "fa", "fa-AF"}
def direction(lang: str) -> str:
    """Return the writing direction of a language: 'rtl' or 'ltr'."""
    return "rtl" if lang in RTL_LANGS else "ltr"


LANG_NAMES = {"sv": "Svenska", "en": "English", "ar": "العربية", "fa": "فارسی", "fa-AF": "دری", "so": "Soomaali",
              "ti": "ትግርኛ", "uk": "Українська"}  # each language's own name, as in the language switcher
LEADER_PREFIX = "ledare/"
FACT_FIELDS = {"value", "source", "checked", "confidence", "status", "note"}
FACT_STATUSES = {"verified", "conflict", "unverified"}


class DataError(ValueError):
    """A data or content file is malformed; the message names the file and line."""


def load_yaml(path: Path):
    """Load a YAML file, or raise DataError naming the file and line."""
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise DataError(f"{path}{line}: malformed YAML ({getattr(e, 'problem', e)}). Fix the syntax there.") from e


def load_facts(path: Path = DATA / "facts.yml") -> dict:
    """Load the fact register and check every entry's fields."""
    facts = load_yaml(path) or {}
    text = path.read_text("utf-8")
    for key, fact in facts.items():
        line = next((i + 1 for i, l in enumerate(text.splitlines()) if l.startswith(f"{key}:")), 0)
        where = f"{path}:{line}: fact '{key}'"
        if not isinstance(fact, dict):
            raise DataError(f"{where} must be a mapping with {', '.join(sorted(FACT_FIELDS))}.")
        missing = {"value", "source", "checked", "status"} - set(fact)
        if missing:
            raise DataError(f"{where} lacks {', '.join(sorted(missing))}. Every fact needs a value, source, date and status.")
        if not re.match(r"https?://", str(fact["source"])):
            raise DataError(f"{where}: source must be a web address, got {fact['source']!r}.")
        if fact["status"] not in FACT_STATUSES:
            raise DataError(f"{where}: status must be one of {', '.join(sorted(FACT_STATUSES))}.")
    return facts


def allowed_hosts(path: Path = DATA / "allowed-hosts.txt") -> set[str]:
    """Read the external-link allowlist (one host per line, # comments)."""
    return {l.strip() for l in path.read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")}


EDITION_KEYS = {"site_url", "local_queues", "district"}
DISTRICT_KEYS = (
    "name", "meeting_place", "meeting_time", "counsellor", "circle_leader", "study_association", "feedback_contact",
)
DEFAULT_EDITION = "hasselby-vallingby"


def load_edition(name: str | None = None) -> dict:
    """Load editions/<name>.yml (default: $VAGEN_EDITION or Hässelby-Vällingby) and check its top-level keys."""
    name = name or os.environ.get("VAGEN_EDITION") or DEFAULT_EDITION
    path = PROJECT / "editions" / f"{name}.yml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in path.parent.glob("*.yml")))
        raise DataError(f"{path}: no such edition. Known editions: {known}.")
    edition = load_yaml(path) or {}
    lines = path.read_text("utf-8").splitlines()
    for key in edition:
        if key not in EDITION_KEYS:
            line = next((i + 1 for i, l in enumerate(lines) if l.startswith(f"{key}:")), 1)
            raise DataError(f"{path}:{line}: unknown key '{key}'. An edition has: {', '.join(sorted(EDITION_KEYS))}.")
    missing = EDITION_KEYS - set(edition)
    if missing:
        raise DataError(f"{path}:1: missing key(s) {', '.join(sorted(missing))}. An edition has: {', '.join(sorted(EDITION_KEYS))}.")
    check_district(edition["district"] or {}, path)
    edition["path"] = path
    return edition


def check_district(district: dict, path: Path) -> None:
    """Fail with a clear message when the edition's district settings miss or misspell a key."""
    missing = [k for k in DISTRICT_KEYS if k not in district]
    unknown = [k for k in district if k not in DISTRICT_KEYS]
    if missing or unknown:
        lines = path.read_text("utf-8").splitlines()
        district_line = next((i + 1 for i, l in enumerate(lines) if l.startswith("district:")), 1)
        line = next((i + 1 for i, l in enumerate(lines) if unknown and l.strip().startswith(f"{unknown[0]}:")), district_line)
        raise DataError(
            f"{path}:{line}: district: "
            + (f"missing key(s) {', '.join(missing)}; " if missing else "")
            + (f"unknown key(s) {', '.join(unknown)}; " if unknown else "")
            + f"the keys are: {', '.join(DISTRICT_KEYS)}."
        )


def load_strings(path: Path = DATA / "strings.yml") -> dict:
    """Load the site strings (string id -> language -> text)."""
    return (load_yaml(path) or {}) if path.exists() else {}


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def read_front_matter(path: Path) -> dict:
    """Return a page's front matter, or raise DataError naming the file and line."""
    text = path.read_text("utf-8")
    m = FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---"):
            raise DataError(f"{path}:1: front matter is not closed with a line '---'.")
        return {}
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise DataError(f"{path}:{line}: malformed front matter ({getattr(e, 'problem', e)}).") from e
    if not isinstance(meta, dict):
        raise DataError(f"{path}:2: front matter must be 'key: value' lines.")
    return meta


def source_hash(path: Path) -> str:
    """Return the version stamp of a Swedish source page: 12 hex digits of its sha256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@dataclass
class PageStatus:
    """Translation state of one page in one language."""

    state: str  # up-to-date | outdated | missing
    reviewed: bool


def page_status(docs_dir: Path, lang: str, rel: str) -> PageStatus:
    """Compare a translated page's recorded source hash with the Swedish source today."""
    source = docs_dir / DEFAULT_LANG / rel
    target = docs_dir / lang / rel
    if not target.exists():
        return PageStatus("missing", False)
    meta = read_front_matter(target)
    reviewed = meta.get("translation") == "reviewed" and bool(meta.get("reviewed_by"))
    if lang == DEFAULT_LANG or not source.exists():
        return PageStatus("up-to-date", True)
    state = "up-to-date" if str(meta.get("source_hash", "")) == source_hash(source) else "outdated"
    return PageStatus(state, reviewed)


def manifest(path: Path = DATA / "manifest.yml") -> dict:
    """Return the manifest: section name -> {'languages': [...], 'pages': [glob, ...]}."""
    return load_yaml(path)


def pages_in_scope(docs_dir: Path, lang: str) -> list[str]:
    """Return the Swedish source pages (relative paths) that must exist in a language."""
    found: list[str] = []
    for section in manifest()["sections"].values():
        if lang not in section["languages"]:
            continue
        for pattern in section["pages"]:
            found += sorted(str(p.relative_to(docs_dir / DEFAULT_LANG)) for p in (docs_dir / DEFAULT_LANG).glob(pattern))
    return found


def status_table(docs_dir: Path) -> dict[str, dict[str, PageStatus]]:
    """Return page -> language -> status for every page the manifest requires, in every language."""
    table: dict[str, dict[str, PageStatus]] = {}
    for lang in LANGS[1:]:
        for rel in pages_in_scope(docs_dir, lang):
            table.setdefault(rel, {})[lang] = page_status(docs_dir, lang, rel)
    return table


def stamp(path: Path, source: Path) -> None:
    """Record in a translated page's front matter which version of its Swedish source it translates."""
    text = path.read_text("utf-8")
    m = FRONT_MATTER.match(text)
    if not m:
        raise DataError(f"{path}:1: no front matter; add 'title:' and 'description:' between '---' lines first.")
    read_front_matter(path)  # fails with file and line on malformed YAML
    lines = [l for l in m.group(1).splitlines() if not l.startswith("source_hash:")]
    if not any(l.startswith("translation:") for l in lines):
        lines.append("translation: machine")
    lines.append(f"source_hash: {source_hash(source)}")
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + text[m.end():], "utf-8")

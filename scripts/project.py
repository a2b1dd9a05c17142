"""Shared project facts: languages, data files, front matter and translation status."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
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
FACT_FIELDS = {"value", "kind", "source", "read", "read_from", "confidence", "status", "note"}
FACT_STATUSES = {"verified", "conflict", "unverified"}


class DataError(ValueError):
    """A data or content file is malformed; the message names the file and line."""


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key written twice in one mapping (YAML would silently keep the last)."""

    def construct_mapping(self, node, deep=False):
        """Build a mapping, failing on a duplicate key with both line numbers."""
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class DuplicateKey(Exception):
    """A key written twice in one YAML mapping."""

    def __init__(self, key, first: int, second: int):
        super().__init__(key, first, second)
        self.key, self.first, self.second = key, first, second


def parse_yaml(text: str, path: Path, line_offset: int = 0):
    """Parse YAML text from a file, or raise DataError naming the file and line (offset for front matter)."""
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except DuplicateKey as e:
        raise DataError(f"{path}:{e.second + line_offset}: key '{e.key}' is written twice (first on line "
                        f"{e.first + line_offset}); YAML would keep only the last. Keep one.") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = f":{mark.line + 1 + line_offset}" if mark else f":{line_offset or 1}"
        raise DataError(f"{path}{line}: malformed YAML ({getattr(e, 'problem', e)}). Fix the syntax there.") from e


def load_yaml(path: Path):
    """Load a YAML file, or raise DataError naming the file and line."""
    try:
        return parse_yaml(path.read_text("utf-8"), path)
    except OSError as e:
        raise DataError(f"{path}: cannot be read ({e.strerror}).") from e


WHOLE_NUMBER_KINDS = {"kronor", "count", "months", "weeks", "days", "years", "hours", "minutes", "age", "percent", "year"}
TEXT_KINDS = {
    "day_range": (re.compile(r"\d+–\d+"), 'two whole numbers joined by an en dash, like "3–5"'),
    "phone": (re.compile(r"\+?\d[\d -]*\d"), 'a phone number: digits, spaces and hyphens, like "0771-567 567"'),
    "plusgiro": (re.compile(r"\d[\d ]*-\d"), 'a plusgiro number, like "481 16 00-8"'),
    "text": (re.compile(r"[^<>{}]+"), "plain text without <, >, { or }"),
    "month": (re.compile(r"20\d\d-(0[1-9]|1[0-2])"), 'a month as YYYY-MM, in quotes, like "2028-05"'),
    "date": (re.compile(r"20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"), 'a date as YYYY-MM-DD, in quotes, like "2024-09-16"'),
}
FACT_KINDS = sorted(WHOLE_NUMBER_KINDS | set(TEXT_KINDS))
READ_FROM = {"stored copy", "live page"}


def kind_problem(kind: str, value) -> str | None:
    """Return why a fact's value is not of its declared kind, or None when it is."""
    if kind in WHOLE_NUMBER_KINDS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"a whole number (kind '{kind}'), not {value!r}"
        if kind == "percent" and value > 100:
            return f"a percentage from 0 to 100, not {value!r}"
        if kind == "year" and not 1900 <= value <= 2100:
            return f"a year like 2023, not {value!r}"
        return None
    pattern, wanted = TEXT_KINDS[kind]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        return f"{wanted} (kind '{kind}'), not {value!r}"
    return None


def key_line(text: str, key: str, indent: str = "") -> int:
    """Return the 1-based line of 'key:' at the given indent in a YAML text (1 if not found)."""
    return next((i + 1 for i, l in enumerate(text.splitlines()) if l.startswith(f"{indent}{key}:")), 1)


def field_line(text: str, key: str, field: str) -> int:
    """Return the line of a field inside a top-level entry of a YAML text (the entry's line if absent)."""
    lines, start = text.splitlines(), key_line(text, key)
    for i in range(start, len(lines)):
        if lines[i] and not lines[i].startswith(" "):
            break
        if lines[i].strip().startswith(f"{field}:"):
            return i + 1
    return start


def load_facts(path: Path = DATA / "facts.yml") -> dict:
    """Load the fact register and check every entry's fields and the kind of its value."""
    facts = load_yaml(path) or {}
    text = path.read_text("utf-8")
    for key, fact in facts.items():
        where = f"{path}:{key_line(text, key)}: fact '{key}'"
        if not isinstance(fact, dict):
            raise DataError(f"{where} must be a mapping with {', '.join(sorted(FACT_FIELDS))}.")
        missing = {"value", "kind", "source", "read", "read_from", "status"} - set(fact)
        if missing:
            raise DataError(f"{where} lacks {', '.join(sorted(missing))}. Every fact needs a value, its kind, a source, "
                            "when and how the source was read, and a status.")
        unknown = set(fact) - FACT_FIELDS
        if unknown:
            raise DataError(f"{path}:{field_line(text, key, sorted(unknown)[0])}: fact '{key}': unknown field(s) "
                            f"{', '.join(sorted(unknown))}. A fact has: {', '.join(sorted(FACT_FIELDS))}.")
        if fact["kind"] not in FACT_KINDS:
            raise DataError(f"{path}:{field_line(text, key, 'kind')}: fact '{key}': unknown kind {fact['kind']!r}. "
                            f"Kinds: {', '.join(FACT_KINDS)}.")
        problem = kind_problem(fact["kind"], fact["value"])
        if problem:
            raise DataError(f"{path}:{field_line(text, key, 'value')}: fact '{key}': the value must be {problem}. "
                            "Fix the value, or the kind if the fact really is of another kind.")
        if not re.match(r"https://", str(fact["source"])):
            raise DataError(f"{path}:{field_line(text, key, 'source')}: fact '{key}': source must be an https address, got {fact['source']!r}.")
        if not re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", str(fact["read"])):
            raise DataError(f"{path}:{field_line(text, key, 'read')}: fact '{key}': read must be the month the source was read, "
                            f"as YYYY-MM, got {fact['read']!r}.")
        if fact["read_from"] not in READ_FROM:
            raise DataError(f"{path}:{field_line(text, key, 'read_from')}: fact '{key}': read_from must be one of "
                            f"{', '.join(sorted(READ_FROM))}.")
        if fact["status"] not in FACT_STATUSES:
            raise DataError(f"{path}:{field_line(text, key, 'status')}: fact '{key}': status must be one of {', '.join(sorted(FACT_STATUSES))}.")
    return facts


def load_household(path: Path = DATA / "household.yml") -> dict:
    """Load the course household's details (key -> value and kind), checking each value against its kind."""
    household = load_yaml(path) or {}
    text = path.read_text("utf-8")
    for key, entry in household.items():
        where = f"{path}:{key_line(text, key)}: '{key}'"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)):
            raise DataError(f"{where}: keys are lower-case letters, digits and _.")
        if not isinstance(entry, dict) or set(entry) - {"value", "kind", "note"} or {"value", "kind"} - set(entry):
            raise DataError(f"{where} must be written {{value: …, kind: …}} (and an optional note).")
        if entry["kind"] not in FACT_KINDS:
            raise DataError(f"{where}: unknown kind {entry['kind']!r}. Kinds: {', '.join(FACT_KINDS)}.")
        problem = kind_problem(entry["kind"], entry["value"])
        if problem:
            raise DataError(f"{where}: the value must be {problem}.")
    return household


def load_fact_checks(path: Path = DATA / "fact-checks.yml", facts: dict | None = None) -> list[dict]:
    """Load the record of checks by a person against the live pages, and check each entry."""
    data = load_yaml(path) if path.exists() else {}
    checks = (data or {}).get("checks") or []
    text = path.read_text("utf-8") if path.exists() else ""
    lines = text.splitlines()
    entry_lines = [i + 1 for i, l in enumerate(lines) if l.startswith("  - ") or l.startswith("- ")]
    known = set(facts or load_facts())
    for n, check in enumerate(checks):
        where = f"{path}:{entry_lines[n] if n < len(entry_lines) else 1}: check {n + 1}"
        if not isinstance(check, dict) or {"by", "date", "facts"} - set(check):
            raise DataError(f"{where} needs by (a role or initials), date (YYYY-MM-DD) and facts (all, or a list of keys).")
        if not isinstance(check["date"], date):
            raise DataError(f"{where}: date must be a date like 2027-01-12, got {check['date']!r}.")
        if check["date"] > date.today():
            raise DataError(f"{where}: date {check['date']} is in the future.")
        listed = known if check["facts"] == "all" else set(check["facts"] or [])
        unknown = listed - known | set(check.get("changed") or {}) - known
        if unknown:
            raise DataError(f"{where}: unknown fact(s) {', '.join(sorted(unknown))}. Use keys from data/facts.yml.")
        check["covers"] = listed
    return checks


def last_checks(facts: dict, checks: list[dict]) -> dict[str, dict | None]:
    """Return, per fact, the latest check by a person that covers it (None when no person has checked it)."""
    latest: dict[str, dict | None] = {key: None for key in facts}
    for check in sorted(checks, key=lambda c: c["date"]):
        for key in check["covers"]:
            latest[key] = check
    return latest


def allowed_hosts(path: Path = DATA / "allowed-hosts.txt") -> set[str]:
    """Read the external-link allowlist (one host per line, # comments)."""
    return {l.strip() for l in path.read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")}


EDITION_KEYS = {"site_url", "local_queues", "district"}
DISTRICT_KEYS = (
    "name", "meeting_place", "meeting_time", "counsellor", "circle_leader", "study_association", "feedback_contact",
)
DEFAULT_EDITION = "hasselby-vallingby"


def load_edition(name: str | None = None, folder: Path = PROJECT / "editions") -> dict:
    """Load editions/<name>.yml (default: $VAGEN_EDITION or Hässelby-Vällingby) and check every key and text."""
    name = name or os.environ.get("VAGEN_EDITION") or DEFAULT_EDITION
    path = folder / f"{name}.yml"
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
    edition["site_url"] = checked_site_url(edition["site_url"], path)
    check_district_texts(edition["district"], path)
    check_local_queues(edition["local_queues"] or [], path)
    edition["path"] = path
    return edition


PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(org|com|net)|localhost|[^.]+\.(test|example|invalid|local))$|^example\.|^127\.")


def is_placeholder_url(url: str) -> bool:
    """Tell whether a site address is a placeholder (example.org/.com/.net, localhost, .test, .example, .invalid, .local)."""
    host = re.sub(r"^https?://", "", url).split("/")[0].split(":")[0].lower()
    return bool(PLACEHOLDER_HOST.search(host)) or host in ("localhost", "example")


def checked_site_url(url, path: Path) -> str:
    """Return the edition's site address if it is an absolute https address ending in '/', else fail naming the line."""
    line = key_line(path.read_text("utf-8"), "site_url")
    if not isinstance(url, str) or not re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]{2,}(:\d+)?(/[^\s?#]*)?", url, re.I):
        raise DataError(f"{path}:{line}: site_url must be the site's absolute https address, like "
                        f"https://vagen.stockholm.se/ or https://host/vagen/; got {url!r}.")
    if not url.endswith("/"):
        raise DataError(f"{path}:{line}: site_url must end with '/' ({url}/): without it the QR codes and links drop "
                        "the last part of the address.")
    return url


def check_district_texts(district: dict, path: Path) -> None:
    """Every district text has Swedish, is plain text, and holds no person's phone number or e-mail address."""
    from scripts.content_rules import contact_problems, markup_problems, public_contacts  # noqa: PLC0415 (cycle)

    text = path.read_text("utf-8")
    allowed = public_contacts(load_facts())
    for key, value in district.items():
        where = f"{path}:{key_line(text, key, '  ')}: district: {key}"
        texts = value if isinstance(value, dict) else {DEFAULT_LANG: value}
        if DEFAULT_LANG not in texts or not isinstance(texts[DEFAULT_LANG], str) or not texts[DEFAULT_LANG].strip():
            raise DataError(f"{where} has no Swedish text (sv:). Every district text needs Swedish; other languages fall back to it.")
        unknown = set(texts) - set(LANGS)
        if unknown:
            raise DataError(f"{where}: unknown language(s) {', '.join(sorted(unknown))}. Languages: {', '.join(LANGS)}.")
        for lang, value_text in texts.items():
            if not isinstance(value_text, str):
                raise DataError(f"{where}: the {lang} text must be plain text, got {value_text!r}.")
            problems = markup_problems(path, value_text) + contact_problems(path, value_text, allowed)
            if problems:
                raise DataError(f"{where} ({lang}): " + problems[0].split(": ", 1)[1])


def known_local_queues(lesson: Path = PROJECT / "docs" / DEFAULT_LANG / "lektioner" / "03-bostadskon.md") -> set[str]:
    """Return the web hosts of the local queues lesson 3 knows (its table of other housing queues)."""
    section = lesson.read_text("utf-8").partition("{ #andra-koer }")[2].partition("\n## ")[0]
    return set(QUEUE_ROW.findall(section))


QUEUE_ROW = re.compile(r"^\|\s*\[[^\]]*\]\(https://([^/)]+)[^)]*\).*\|\s*$", re.M)


def check_local_queues(hosts: list, path: Path) -> None:
    """Every local queue an edition lists is one that lesson 3 knows, by the host of its web address."""
    known = known_local_queues()
    text = path.read_text("utf-8")
    for host in hosts:
        if host not in known:
            line = next((i + 1 for i, l in enumerate(text.splitlines()) if l.strip() == f"- {host}"), key_line(text, "local_queues"))
            raise DataError(f"{path}:{line}: local_queues: '{host}' is not a queue lesson 3 knows. "
                            f"Known: {', '.join(sorted(known))}. Fix the host, or add the queue to lesson 3 first.")


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
        meta = yaml.load(m.group(1), Loader=UniqueKeyLoader) or {}  # noqa: S506 (a SafeLoader subclass)
    except DuplicateKey as e:
        raise DataError(f"{path}:{e.second + 1}: front matter key '{e.key}' is written twice (first on line {e.first + 1}).") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise DataError(f"{path}:{line}: malformed front matter ({getattr(e, 'problem', e)}).") from e
    if not isinstance(meta, dict):
        raise DataError(f"{path}:2: front matter must be 'key: value' lines.")
    return meta


TIMING_LINES = re.compile(rb"^minutes:\n(?:[ \t]+[^\n]*\n)*", re.M)


def source_hash(path: Path) -> str:
    """Return the version stamp of a Swedish source page: 12 hex digits of its sha256, leaving out the lesson's
    `minutes:` (translations read them from the Swedish page, so a changed plan is no change to translate)."""
    data = path.read_bytes()
    m = FRONT_MATTER.match(data.decode("utf-8", "replace"))
    if m:
        end = len(m.group(0).encode("utf-8"))
        data = TIMING_LINES.sub(b"", data[:end]) + data[end:]
    return hashlib.sha256(data).hexdigest()[:12]


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


def manifest(path: Path = DATA / "manifest.yml", docs_dir: Path = PROJECT / "docs") -> dict:
    """Return the manifest (section -> languages and page globs), checking each glob matches a Swedish page."""
    data = load_yaml(path)
    text = path.read_text("utf-8")
    for name, section in data["sections"].items():
        for pattern in section["pages"]:
            if not any((docs_dir / DEFAULT_LANG).glob(pattern)):
                line = next((i + 1 for i, l in enumerate(text.splitlines()) if l.strip() == f"- {pattern}"), 1)
                raise DataError(f"{path}:{line}: section '{name}': '{pattern}' matches no page in {docs_dir / DEFAULT_LANG}. "
                                "Fix the pattern (paths are relative to docs/sv/).")
    return data


def pages_in_scope(docs_dir: Path, lang: str) -> list[str]:
    """Return the Swedish source pages (relative paths) that must exist in a language."""
    found: list[str] = []
    for section in manifest(docs_dir=docs_dir)["sections"].values():
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


def check_role(by: str) -> None:
    """Refuse a 'who checked' that is empty or holds an e-mail address or a phone number: roles or initials only."""
    if not by.strip() or "@" in by or re.search(r"\d{4,}", re.sub(r"[ -]", "", by)):
        raise DataError(f"--by {by!r}: give a role, or a role and initials, without phone numbers or e-mail addresses.")


def set_front_matter(path: Path, values: dict[str, str]) -> None:
    """Set keys in a page's front matter (values written as given), keeping its other lines and the body."""
    text = path.read_text("utf-8")
    m = FRONT_MATTER.match(text)
    if not m:
        raise DataError(f"{path}:1: no front matter; add 'title:' and 'description:' between '---' lines first.")
    read_front_matter(path)  # fails with file and line on malformed YAML
    lines = [l for l in m.group(1).splitlines() if l.split(":", 1)[0] not in values]
    lines += [f"{key}: {value}" for key, value in values.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + text[m.end():], "utf-8")


def stamp(path: Path, source: Path) -> None:
    """Record in a translated page's front matter which version of its Swedish source it translates."""
    text = path.read_text("utf-8")
    m = FRONT_MATTER.match(text)
    has_translation = bool(m) and any(l.startswith("translation:") for l in m.group(1).splitlines())
    set_front_matter(path, ({} if has_translation else {"translation": "machine"}) | {"source_hash": source_hash(source)})

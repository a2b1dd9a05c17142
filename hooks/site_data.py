"""Data every concern shares during a build: facts, strings, the edition, and small path helpers."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.project import (
    DEFAULT_LANG, LANGS, DataError, allowed_hosts, direction, last_checks, load_edition, load_fact_checks, load_facts,
    load_household, load_strings, read_front_matter,
)

state: dict = {}


def lang_of(config) -> str:
    """Return the language being built (set by the i18n plugin)."""
    return config.theme["language"]


def t(key: str, lang: str) -> str:
    """Return a site string in a language, falling back to Swedish."""
    entry = state["strings"].get(key, {})
    return entry.get(lang) or entry.get(DEFAULT_LANG, key)


def load(config) -> None:
    """Load facts, strings and the edition, and localise the site name for the language being built."""
    lang = lang_of(config)
    try:
        edition = load_edition()
        state["facts"] = load_facts()
        state["household"] = load_household()
        state["last_checks"] = last_checks(state["facts"], load_fact_checks(facts=state["facts"]))
        state["strings"] = load_strings()
        state["hosts"] = allowed_hosts()
    except DataError as e:
        raise PluginError(str(e)) from e
    state["lang"] = lang
    state["docs_dir"] = Path(config["docs_dir"])
    state["edition"] = edition
    config["extra"]["district"] = edition["district"]
    config["site_url"] = edition["site_url"]
    state["local_queues"] = set(edition["local_queues"] or [])
    config["site_name"] = t("site_name", lang)
    config["site_description"] = t("site_description", lang)
    config["extra"]["strings"] = {k: t(k, lang) for k in state["strings"]}
    config["extra"]["lang"] = lang
    config["extra"]["dir"] = direction(lang)
    config["copyright"] = f"{t('licence', lang)} {t('edition', lang)} {config['extra']['version']}."


def source_rel(file) -> str:
    """Return a file's path inside its language folder (the i18n plugin keeps 'so/' or 'sv/' in src_uri)."""
    first, _, rest = file.src_uri.partition("/")
    return rest if first in LANGS and rest else file.src_uri


def to_site_root(url: str) -> str:
    """Return the relative path from a page's address ('a/b/' or, offline, 'a/b.html') to the site root."""
    return "../" * len([part for part in url.split("/")[:-1] if part and part != "."])


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line where needle first occurs in text (0 if absent)."""
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 0


def page_title(rel: str, lang: str) -> str:
    """Return a page's title in a language, or the Swedish one."""
    for candidate in (state["docs_dir"] / lang / rel, state["docs_dir"] / DEFAULT_LANG / rel):
        if candidate.exists():
            return read_front_matter(candidate).get("title", rel)
    return rel


def swedish_lessons() -> list[Path]:
    """Return the Swedish lesson sources in order."""
    return sorted((state["docs_dir"] / DEFAULT_LANG / "lektioner").glob("*.md"))

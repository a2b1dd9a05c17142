"""Lyssna (listen) and the start page's language links: what the theme template and the listen scripts need.

A page carries only the "Lyssna" button (overrides/main.html), a button after each Swedish key word (made here, at
build time: cheaper for a first visit than a script that makes them) and a tiny loader, docs/sv/assets/listen.js,
which shows them where the browser can speak. The rest, docs/sv/assets/listen-core.js, loads when the reader first
presses one, with the texts it shows, which this module writes from data/strings.yml into assets/listen-strings.js:
a classic script, because pages opened from the file system (the offline copy) cannot fetch JSON or import modules.
"""
from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

from hooks.site_data import source_rel, state, t
from scripts.project import DEFAULT_LANG, LANG_NAMES, LANGS, LEADER_PREFIX, direction

STRINGS_FILE = "assets/listen-strings.js"
GLOSSARY = "ordlista.md"
WORD_LIST = re.compile(r'(<h2 id="ord">.*?</h2>\s*<dl>)(.*?)(</dl>)', re.S)  # "Ord att kunna" on a lesson
TERM = re.compile(r"<dt>(.*?)</dt>", re.S)
LAST_BRACKET = re.compile(r"\(([^()]+)\)\s*$")


def add(page, config) -> None:
    """Mark participant pages for the listen button, and give each language's start page its language links."""
    rel = source_rel(page.file)
    page.meta["listen"] = not rel.startswith(LEADER_PREFIX)
    if rel == "index.md":
        page.meta["start_languages"] = start_page_links(config)


def swedish_word(term_html: str, swedish: bool) -> str | None:
    """Return the Swedish word of a key-word line: all of it on a Swedish page, else the last brackets' content."""
    text = unescape(re.sub(r"<[^>]+>", "", term_html)).strip()
    if swedish:
        return text
    found = LAST_BRACKET.search(text)
    return found.group(1).strip() if found else None


def word_buttons(html: str, page, lang: str) -> str:
    """Put a button that says the Swedish word after each key word of "Ord att kunna" and of the glossary."""
    if not page.meta.get("listen"):
        return html
    swedish = lang == DEFAULT_LANG or bool(page.meta.get("is_fallback"))
    label = t("listen_word", lang)

    def with_button(m: re.Match) -> str:
        word = swedish_word(m.group(1), swedish)
        if not word:
            return m.group(0)
        return (f'<dt>{m.group(1)} <button type="button" class="listen-word" value="{escape(word)}" '
                f'aria-label="{escape(label.replace("{word}", word))}"></button></dt>')

    if source_rel(page.file) == GLOSSARY:
        return TERM.sub(with_button, html)
    return WORD_LIST.sub(lambda m: m.group(1) + TERM.sub(with_button, m.group(2)) + m.group(3), html, count=1)


def built_languages(config) -> list[str]:
    """Return the languages this build makes, in the project's order (a preview builds only some)."""
    i18n = config.plugins.get("i18n")
    built = set(i18n.build_languages) if i18n else set(LANGS)
    return [lang for lang in LANGS if lang in built]


def start_page_links(config) -> list[dict]:
    """Return one link per built language to its start page, relative to the current language's start page."""
    here = config.theme["language"]
    up = "" if here == DEFAULT_LANG else "../"
    file_name = "" if config["use_directory_urls"] else "index.html"
    links = []
    for lang in built_languages(config):
        href = up + ("" if lang == DEFAULT_LANG else f"{lang}/") + file_name
        links.append({"lang": lang, "name": LANG_NAMES[lang], "dir": direction(lang), "href": href or "./",
                      "current": lang == here})
    return links


def strings_script() -> str:
    """Return the listen texts of every language as a small classic script: self.vagenListenStrings = {...}."""
    texts = {lang: {key.removeprefix("listen_"): value.get(lang) or value[DEFAULT_LANG]
                    for key, value in state["strings"].items() if key.startswith("listen_")} for lang in LANGS}
    return ("/* Written by hooks/listen.py from data/strings.yml: the texts docs/sv/assets/listen-core.js shows. */\n"
            f"self.vagenListenStrings = {json.dumps(texts, ensure_ascii=False, separators=(',', ':'))};\n")


def write_strings(site_dir: Path) -> None:
    """Write the listen texts next to the listen scripts in the built site."""
    target = site_dir / STRINGS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(strings_script(), "utf-8")

"""Lesson timing as data: each Swedish lesson's front matter says how many minutes of the session go to teaching and
to exercises (`minutes: {teaching: …, exercises: …}`, from the session plan); every language shows them under the title."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks import numbers
from hooks.site_data import lang_of, source_rel, state, swedish_lessons, t
from scripts.project import DEFAULT_LANG, FRONT_MATTER, DataError, read_front_matter

PARTS = ("teaching", "exercises")
EXAMPLE = "minutes:\n  teaching: 20\n  exercises: 25"


def front_matter_line(text: str, key: str, indent: str = "") -> int:
    """Return the 1-based line of 'key:' (at an indent) inside a page's front matter, or the first line when absent."""
    m = FRONT_MATTER.match(text)
    lines = m.group(1).splitlines() if m else []
    return next((i + 2 for i, l in enumerate(lines) if re.match(rf"{indent}{re.escape(key)}\s*:", l)), 1)


def minutes_of(path: Path) -> dict[str, int]:
    """Return a Swedish lesson's planned minutes, or raise DataError naming the file and line of what is wrong."""
    meta, text = read_front_matter(path), path.read_text("utf-8")
    minutes = meta.get("minutes")
    if not isinstance(minutes, dict):
        line = front_matter_line(text, "minutes")
        raise DataError(f"{path}:{line}: the front matter needs the lesson's minutes from its session plan, written\n"
                        f"{EXAMPLE}\n(got {minutes!r}). Take them from the rows 'Dagens ämne' and 'Öva' in ledare/traff-NN.md.")
    found = {}
    for part in PARTS:
        value = minutes.get(part)
        line = front_matter_line(text, part, r"\s+") if part in minutes else front_matter_line(text, "minutes")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 100:
            raise DataError(f"{path}:{line}: minutes: {part} must be a whole number of minutes from 1 to 100, got "
                            f"{value!r}. Write it as in\n{EXAMPLE}")
        found[part] = value
    unknown = set(minutes) - set(PARTS)
    if unknown:
        key = sorted(unknown)[0]
        line = front_matter_line(text, key, r"\s+")
        raise DataError(f"{path}:{line}: minutes: unknown key '{key}'. "
                        f"The keys are {' and '.join(PARTS)}.")
    return found


def check_lessons() -> None:
    """Stop the build when a Swedish lesson's minutes are missing or malformed, naming the file and line."""
    try:
        for path in swedish_lessons():
            minutes_of(path)
    except DataError as e:
        raise PluginError(str(e)) from e


def line_html(minutes: dict[str, int], lang: str) -> str:
    """Return the escaped timing line, e.g. 'Genomgång 20 minuter · Övningar 25 minuter', in a language."""
    text = t("lesson_minutes", lang).format(**{part: numbers.written(minutes[part], "minutes", lang) for part in PARTS})
    return f'<p class="lesson-minutes">{escape(text)}</p>'


def add(html: str, page, config) -> str:
    """Put a lesson's timing line under its title, with the minutes read from the Swedish page's front matter."""
    rel = source_rel(page.file)
    if not rel.startswith("lektioner/"):
        return html
    lang = DEFAULT_LANG if page.meta.get("is_fallback") else lang_of(config)
    try:
        minutes = minutes_of(state["docs_dir"] / DEFAULT_LANG / rel)
    except DataError as e:
        raise PluginError(str(e)) from e
    line = line_html(minutes, lang)
    head, found, tail = html.partition("</h1>")
    return head + found + line + tail if found else line + html

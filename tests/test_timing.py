"""Lesson timing as data: every session plan runs from 0 to 100 minutes with a break and no gaps, and the minutes each
lesson page shows under its title (from the Swedish lesson's front matter) are the plan's "Dagens ämne" and "Öva" rows,
in the Swedish and the English plan alike. A wrong or malformed minute is caught."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from conftest import DOCS, LANGS, PROJECT, build
from hooks import numbers
from scripts.project import load_strings

STRINGS = load_strings()
ROW = re.compile(r"^\|\s*(\d+)–(\d+)\s*\|\s*([^|]+?)\s*\|", re.M)
# A row counts as teaching or exercises when its "Moment" starts with these words ("Öva: familjens behov" too).
TEACHING = {"sv": "Dagens ämne", "en": "Today's topic"}
EXERCISES = {"sv": "Öva", "en": "Practise"}
BREAK = {"sv": "Paus", "en": "Break"}
SHOWN = re.compile(r'<p class="lesson-minutes">(.*?)</p>', re.S)


def plan_rows(path: Path) -> list[tuple[int, int, str]]:
    """Return (from, to, moment) for each row of a session plan's minute-by-minute table."""
    section = path.read_text("utf-8").partition("{ #plan }")[2].partition("\n## ")[0]
    return [(int(a), int(b), moment) for a, b, moment in ROW.findall(section)]


def plan_problems(path: Path, lang: str) -> list[str]:
    """A plan starts at minute 0, ends at 100, has a break and leaves no gap or overlap between rows."""
    rows = plan_rows(path)
    if not rows:
        return [f"{path}: no minute-by-minute table under {{ #plan }}"]
    problems = []
    if rows[0][0] != 0 or rows[-1][1] != 100:
        problems.append(f"{path}: the plan runs {rows[0][0]}–{rows[-1][1]}, not 0–100 minutes")
    for (_, end, moment), (start, _, _) in zip(rows, rows[1:]):
        if start != end:
            problems.append(f"{path}: after '{moment}' (ends at {end}) the next row starts at {start}")
    if not any(moment.startswith(BREAK[lang]) for *_, moment in rows):
        problems.append(f"{path}: the plan has no '{BREAK[lang]}'")
    return problems


def planned_minutes(path: Path, lang: str) -> dict[str, int]:
    """Sum a plan's teaching rows and exercise rows."""
    rows = plan_rows(path)
    return {"teaching": sum(b - a for a, b, m in rows if m.startswith(TEACHING[lang])),
            "exercises": sum(b - a for a, b, m in rows if m.startswith(EXERCISES[lang]))}


def lessons() -> list[Path]:
    """The Swedish lesson sources."""
    return sorted((DOCS / "sv" / "lektioner").glob("*.md"))


def plan_of(lesson: Path, lang: str, docs: Path = DOCS) -> Path:
    """The session plan that goes with a lesson (traff-NN.md for lesson NN-…)."""
    return docs / lang / "ledare" / f"traff-{lesson.name[:2]}.md"


def expected_line(minutes: dict[str, int], lang: str, docs: Path, rel: str) -> str:
    """The timing line a page should show: in its language, or in Swedish on an untranslated (fallback) page."""
    shown_in = lang if (docs / lang / rel).exists() else "sv"
    return STRINGS["lesson_minutes"][shown_in].format(
        **{k: numbers.written(v, "minutes", shown_in) for k, v in minutes.items()})


def timing_problems(docs: Path, site: Path, langs=LANGS) -> list[str]:
    """Compare the minutes every built lesson page shows with the Swedish and English session plans."""
    problems = []
    for lesson in sorted((docs / "sv" / "lektioner").glob("*.md")):
        rel = f"lektioner/{lesson.name}"
        minutes = planned_minutes(plan_of(lesson, "sv", docs), "sv")
        english = plan_of(lesson, "en", docs)
        if english.exists() and planned_minutes(english, "en") != minutes:
            problems.append(f"{english}: the English plan gives {planned_minutes(english, 'en')}, the Swedish {minutes}")
        for lang in langs:
            page = (site if lang == "sv" else site / lang) / "lektioner" / lesson.stem / "index.html"
            if not page.exists():
                continue
            shown = SHOWN.findall(page.read_text("utf-8"))
            want = expected_line(minutes, lang, docs, rel)
            if [unescape(s) for s in shown] != [want]:
                problems.append(f"{page}: shows {[unescape(s) for s in shown]}, the plan says {want!r}")
    return problems


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_plan_runs_from_0_to_100_minutes_with_a_break(lang):
    """Each session plan, in Swedish and English, covers 100 minutes without gaps, with a break."""
    plans = sorted((DOCS / lang / "ledare").glob("traff-*.md"))
    assert len(plans) == len(lessons()), f"{lang}: one session plan per lesson"
    problems = [p for plan in plans for p in plan_problems(plan, lang)]
    assert not problems, "\n".join(problems)


def test_every_plan_has_teaching_and_exercises():
    """Every plan has a "Dagens ämne" and an "Öva" row (so the lesson page has both numbers)."""
    empty = [f"{plan_of(l, 'sv')}: {m}" for l in lessons() for m in [planned_minutes(plan_of(l, "sv"), "sv")] if 0 in m.values()]
    assert not empty, "\n".join(empty)


def test_lesson_pages_show_the_minutes_of_their_plans(site):
    """Every built lesson page, in every built language, shows the plan's minutes once, under its title."""
    assert (site / "lektioner" / lessons()[0].stem / "index.html").exists()
    problems = timing_problems(DOCS, site)
    assert not problems, "\n".join(problems)
    html = (site / "lektioner" / lessons()[1].stem / "index.html").read_text("utf-8")
    assert re.search(r"</h1>\s*<p class=\"lesson-minutes\">", html), "the timing line is not right under the title"


def test_a_plan_with_a_gap_is_found(tmp_path):
    """Move a row's start: the plan check names the file and the gap."""
    plan = tmp_path / "traff-01.md"
    plan.write_text((DOCS / "sv" / "ledare" / "traff-01.md").read_text("utf-8").replace("| 10–20 |", "| 12–20 |"), "utf-8")
    assert any("next row starts at 12" in p for p in plan_problems(plan, "sv"))


def scratch_copy(tmp_path) -> Path:
    """A scratch copy of the project with the Swedish sources only (built Swedish-only, for speed)."""
    for name in ("mkdocs.yml", "hooks", "scripts", "data", "overrides", "pdf_event_hook.py", "pdf", "editions"):
        src = PROJECT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    shutil.copytree(DOCS / "sv", tmp_path / "docs" / "sv")
    return tmp_path


def set_minutes(project: Path, lesson: str, old: str, new: str) -> tuple[Path, int]:
    """Change one line of a lesson's minutes in a scratch copy; return the page and that line's number."""
    page = project / "docs" / "sv" / "lektioner" / lesson
    text = page.read_text("utf-8")
    assert old in text, f"{lesson} has no '{old.strip()}'"
    page.write_text(text.replace(old, new, 1), "utf-8")
    return page, text[:text.index(old)].count("\n") + 1


def swedish_build(project: Path):
    """Build the scratch copy in Swedish only."""
    return build(project, BUILD_ALL="false", BUILD_EN="false")


def test_a_wrong_minute_is_caught(tmp_path):
    """Front matter that disagrees with the plan builds, but the timing check names the page and both numbers."""
    project = scratch_copy(tmp_path)
    lesson = lessons()[1]
    minutes = planned_minutes(plan_of(lesson, "sv"), "sv")
    set_minutes(project, lesson.name, f"  teaching: {minutes['teaching']}\n", f"  teaching: {minutes['teaching'] + 1}\n")
    result = swedish_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    problems = timing_problems(project / "docs", project / "site", ["sv"])
    assert len(problems) == 1 and lesson.stem in problems[0] and str(minutes["teaching"] + 1) in problems[0], problems


@pytest.mark.parametrize("old, new, message", [
    ("  teaching: {t}\n", "  teaching: tjugo\n", "minutes: teaching must be a whole number of minutes from 1 to 100, got 'tjugo'"),
    ("  exercises: {e}\n", "  exercises: 12.5\n", "minutes: exercises must be a whole number of minutes from 1 to 100, got 12.5"),
    ("  exercises: {e}\n", "", "minutes: exercises must be a whole number of minutes from 1 to 100, got None"),
    ("minutes:\n  teaching: {t}\n  exercises: {e}\n", "", "the front matter needs the lesson's minutes"),
], ids=["not a number", "a fraction", "a missing key", "no minutes"])
def test_a_bad_minutes_value_stops_the_build_with_file_and_line(tmp_path, old, new, message):
    """Not a whole number, a missing key or no minutes at all: the build stops, naming the lesson file and line."""
    project = scratch_copy(tmp_path)
    lesson = lessons()[2]
    minutes = planned_minutes(plan_of(lesson, "sv"), "sv")
    old = old.format(t=minutes["teaching"], e=minutes["exercises"])
    page, line = set_minutes(project, lesson.name, old, new)
    if not new:  # a missing key is reported on the 'minutes:' line, no minutes at all on the first line
        text = page.read_text("utf-8")
        line = text[:text.index("minutes:")].count("\n") + 1 if "minutes:" in text else 1
    result = swedish_build(project)
    assert result.returncode != 0, "the build should have stopped on the bad minutes"
    out = result.stdout + result.stderr
    assert f"docs/sv/lektioner/{lesson.name}:{line}: {message}" in out, out[-3000:]

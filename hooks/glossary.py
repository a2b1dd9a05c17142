"""The glossary: every lesson's 'Ord att kunna' definitions, in one list sorted by the Swedish word."""
from __future__ import annotations

import re

from hooks.site_data import state, swedish_lessons

ENTRY = re.compile(r"^(?P<term>[^\s:!#>|-][^\n]*)\n(?P<defs>(?::   .*\n(?:    .*\n)*)+)", re.M)
SWEDISH_ORDER = str.maketrans("åäö", "{|}")


def swedish_key(term: str) -> str:
    """Return the Swedish word of a term: the last bracket in a translation ('queue time (kötid)'), else the term."""
    return (re.findall(r"\(([^()]*)\)\s*$", term) or [term])[-1].lower()


def entries(lang: str) -> str:
    """Return the definition list of every lesson's key words in a language, in Swedish alphabetical order."""
    found: dict[str, str] = {}
    for sv_lesson in swedish_lessons():
        lesson = state["docs_dir"] / lang / "lektioner" / sv_lesson.name
        text = (lesson if lesson.exists() else sv_lesson).read_text("utf-8")
        section = re.search(r"^## .*\{ *#ord *\}\n(.*?)(?=^## )", text, re.S | re.M)
        for m in ENTRY.finditer(section.group(1) if section else ""):
            found.setdefault(m.group("term").strip(), m.group("defs"))
    order = sorted(found, key=lambda term: (swedish_key(term).translate(SWEDISH_ORDER), term))
    return "\n".join(f"{term}\n{found[term]}" for term in order)

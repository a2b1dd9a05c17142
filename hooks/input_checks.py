"""Stop the build on bad input: code in content, empty boxes, Swedish left in a translation, unfilled placeholders,
and a person's phone number or e-mail address. Each message names the file and line and says what to do."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.site_data import state
from scripts.content_rules import (
    contact_problems, empty_boxes, leftover_placeholders, markup_problems, public_contacts, swedish_blocks,
)
from scripts.project import DATA, DEFAULT_LANG, LANGS, DataError, load_yaml, manifest


def check_data() -> None:
    """Check the data files the pages depend on: the manifest's globs, the term bases, the site strings."""
    try:
        manifest()
        for lang in LANGS[1:]:
            load_yaml(DATA / "terms" / f"{lang}.yml")
    except DataError as e:
        raise PluginError(str(e)) from e
    state["public_contacts"] = public_contacts(state["facts"])
    strings, facts = DATA / "strings.yml", DATA / "facts.yml"
    fail(markup_problems(strings, strings.read_text("utf-8"))
         + contact_problems(strings, strings.read_text("utf-8"), state["public_contacts"])
         + contact_problems(facts, facts.read_text("utf-8"), state["public_contacts"]))


def check_source(page, lang: str) -> None:
    """Check a page's Markdown source before its placeholders are filled."""
    path = Path(page.file.abs_src_path)
    text = path.read_text("utf-8")
    problems = markup_problems(path, text) + empty_boxes(path, text) + contact_problems(path, text, state["public_contacts"])
    if lang != DEFAULT_LANG and not page.meta.get("is_fallback"):
        problems += swedish_blocks(path, text)
    fail(problems)


def check_filled(page, filled: str) -> None:
    """Check a page after its placeholders were filled: nothing may be left unfilled."""
    path = Path(page.file.abs_src_path)
    fail(leftover_placeholders(path, path.read_text("utf-8"), filled))


def fail(problems: list[str]) -> None:
    """Stop the build listing every problem, if there are any."""
    if problems:
        raise PluginError("\n".join(problems))

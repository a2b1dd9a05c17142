"""Fill {{ fact.x }}, {{ district.x }}, {{ site.version }} and the generated blocks, or fail naming file and line."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks import facts_page, glossary, numbers, qr_codes, status_list
from hooks.site_data import lang_of, line_of, source_rel, state
from scripts.project import DEFAULT_LANG, DISTRICT_KEYS

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\.([a-z0-9_]+))?\s*\}\}")
BLOCKS = "fact.<key>, household.<key>, district.<key>, site.version, facts_table, glossary, qr_handouts or translation_status"


def substitute(markdown: str, page, config) -> str:
    """Replace every placeholder in a page's Markdown.

    A Swedish page shown untranslated in another language gets its generated parts in Swedish too, since the page
    is marked lang="sv".
    """
    lang = DEFAULT_LANG if page.meta.get("is_fallback") else lang_of(config)
    source = Path(page.file.abs_src_path).read_text("utf-8")
    district = config["extra"]["district"]

    def replace(m: re.Match) -> str:
        kind, key = m.group(1), m.group(2)
        where = f"{page.file.abs_src_path}:{line_of(source, m.group(0))}"
        if kind == "fact":
            if key not in state["facts"]:
                raise PluginError(f"{where}: unknown fact '{key}'. Add it to data/facts.yml or fix the spelling.")
            fact = state["facts"][key]
            return escape(numbers.written(fact["value"], fact["kind"], lang), quote=False)
        if kind == "household":
            if key not in state["household"]:
                raise PluginError(f"{where}: unknown household detail '{key}'. Add it to data/household.yml or fix the spelling.")
            entry = state["household"][key]
            return escape(numbers.written(entry["value"], entry["kind"], lang), quote=False)
        if kind == "district":
            if key not in district:
                raise PluginError(f"{where}: unknown district detail '{key}'. Known: {', '.join(DISTRICT_KEYS)}.")
            value = district[key]
            return escape(str(value.get(lang) or value[DEFAULT_LANG]) if isinstance(value, dict) else str(value), quote=False)
        if kind == "site" and key == "version":
            return escape(str(config["extra"]["version"]), quote=False)
        if kind == "facts_table" and key is None:
            return '<div class="facts-table" markdown>\n\n' + facts_page.table(lang, source_rel(page.file)) + "\n\n</div>"
        if kind == "glossary" and key is None:
            return glossary.entries(lang)
        if kind == "qr_handouts" and key is None:
            return qr_codes.handouts(lang, config)
        if kind == "translation_status" and key is None:
            return status_list.markdown(lang)
        raise PluginError(f"{where}: unknown placeholder '{m.group(0)}'. Use {BLOCKS}.")

    return PLACEHOLDER.sub(replace, markdown)

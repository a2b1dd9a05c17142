"""Finishing touches on the built HTML: language and direction, labels, and the offline copy's search."""
from __future__ import annotations

import re
from html import escape

import pyphen

from hooks.site_data import t, to_site_root
from scripts.project import DEFAULT_LANG, direction

TASK_LABEL = re.compile(
    r'(<label class="task-list-control"><input[^>]*/><span class="task-list-indicator"></span>)</label> ?'
    r"(.*?)(?=</li>|</p>|<ul|<ol)", re.S)
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
KEEP_WHITESPACE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S)


def label_checklists(html: str) -> str:
    """Put each checklist item's text inside its checkbox label, so the checkbox has a name."""
    return TASK_LABEL.sub(r"\1 \2</label>", html)


def finish_html(output: str, lang: str) -> str:
    """Set lang and dir on <html>, name the search dialog, drop the theme toggles' autocomplete and the alternate links.

    Material's script fetches "<alternate>/sitemap.xml" for each <link rel=alternate>, which assumes the link is a
    language root; the i18n plugin links the same page instead, so every page logged 404s. The visible language
    switcher keeps its per-page links with hreflang.
    """
    output = output.replace(f'<html lang="{lang}" class="no-js">', f'<html lang="{lang}" dir="{direction(lang)}" class="no-js">', 1)
    output = output.replace('role="dialog">', f'role="dialog" aria-label="{escape(t("search_dialog", lang))}">', 1)
    output = TOGGLE_AUTOCOMPLETE.sub(r"\1>", output)  # invalid on a checkbox (Nu HTML Checker)
    return without_indentation(ALTERNATE.sub("", output))


def without_indentation(output: str) -> str:
    """Drop the templates' indentation after each line break (0.6 KB gzip a page), except in pre, textarea and script.

    A line break followed by spaces renders as one space, as does a line break alone, so the page looks the same.
    """
    parts = KEEP_WHITESPACE.split(output)
    return "".join(part if i % 2 else re.sub(r"\n[ \t]+", "\n", part) for i, part in enumerate(parts))


def without_search_offline(output: str, config) -> str:
    """In an offline copy, hide search: it cannot run from the file system, so Material must not find it."""
    if config["use_directory_urls"]:
        return output
    output = output.replace("<body ", "<body data-offline ", 1)
    output = output.replace('data-md-component="search"', 'data-md-component="search-offline"')
    return output.replace('name="search"', 'name="search-offline"')


def language_root_for_search(output: str, page, lang: str) -> str:
    """Point search, and Material's storage scope, at this language's own root."""
    if lang == DEFAULT_LANG:
        return output
    depth = len(to_site_root(page.url)) // 3 - 1
    return re.sub(r'"base": "[^"]*"', f'"base": "{"/".join([".."] * depth) or "."}"', output, count=1)


def mark_article_language(output: str, lang: str) -> str:
    """Give the article its language and direction."""
    return output.replace('<article class="md-content__inner', f'<article lang="{lang}" dir="{direction(lang)}" class="md-content__inner', 1)


HEADING = re.compile(r"(<h[1-3][^>]*>)(.*?)(</h[1-3]>)", re.S)
LONG_WORD = re.compile(r"\w{10,}")
DICTIONARIES = {lang: pyphen.Pyphen(lang=lang, left=3, right=3) for lang in ("sv", "en", "uk")}  # the languages pyphen can hyphenate


def hyphenate_headings(output: str, lang: str) -> str:
    """Put soft hyphens at syllable breaks in the long words of headings, so a phone breaks them with a hyphen.

    Browsers hyphenate body text themselves (CSS hyphens: auto) where they know the language, but headings are
    large and a compound like "intresseanmälningar" must never break as "intresseanmälning / ar".
    """
    dictionary = DICTIONARIES.get(lang)
    if dictionary is None:
        return output

    def soften(text: str) -> str:
        return LONG_WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen="\u00ad"), text)

    def heading(m: re.Match) -> str:
        parts = re.split(r"(<[^>]+>)", m.group(2))
        return m.group(1) + "".join(p if p.startswith("<") else soften(p) for p in parts) + m.group(3)

    head, sep, article = output.partition("<article ")
    return head + sep + HEADING.sub(heading, article)

"""MkDocs hook: wires each concern (one module each in hooks/) to the build events, in the order they run."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks import (  # noqa: E402
    figures, html_finish, input_checks, leader_guide, local_queues, not_found_pages, page_links, placeholders, publishing,
    qr_codes, search_index, site_data, translation_notices,
)
from hooks import lesson_timing, listen, offline_copy, save_on_phone, stylesheet  # noqa: E402
from hooks.site_data import lang_of, source_rel  # noqa: E402
from scripts.content_rules import mark_swedish_brackets  # noqa: E402
from scripts.project import DataError, read_front_matter  # noqa: E402


class QuietPdfSwitch(logging.Filter):
    """Drop with-pdf's 'without generate PDF' notice: a web-only preview is a normal build, not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without generate PDF" not in record.getMessage()


logging.getLogger("mkdocs.with-pdf").addFilter(QuietPdfSwitch())


def on_pre_build(config):
    """1. Load facts, strings and the edition (not on_config: the i18n plugin edits that event list while it runs);
    check the lessons' planned minutes."""
    site_data.load(config)
    input_checks.check_data()
    lesson_timing.check_lessons()
    publishing.refuse_placeholder_release(config)
    config["extra"]["cover_facts"] = publishing.cover_facts_line(lang_of(config))


@event_priority(-110)
def on_files(files, config):
    """2. Leave the leader guide out of languages it is not written for."""
    return leader_guide.leave_out_of_other_languages(files, config)


def on_page_markdown(markdown, page, config, files):
    """3. Check the source; attach notices, links, listen marks; fill placeholders (all or none); draw the figures;
    cut local queues."""
    lang = lang_of(config)
    try:
        read_front_matter(Path(page.file.abs_src_path))
        page.meta["notices"] = translation_notices.for_page(page, lang)
    except DataError as e:
        raise PluginError(str(e)) from e
    page.meta["is_fallback"] = translation_notices.is_fallback(page, lang)
    input_checks.check_source(page, lang)
    page_links.add(page, lang)
    listen.add(page, config)
    filled = figures.render(placeholders.substitute(markdown, page, config), page, config)
    input_checks.check_filled(page, filled)
    return local_queues.keep_listed(filled)


def on_page_content(html, page, config, files):
    """4. Label checklists, show lesson timing, print lesson QR codes, fix leader-PDF links, add key-word buttons,
    mark Swedish fallback."""
    html = html_finish.label_checklists(html)
    if source_rel(page.file).startswith("lektioner/"):
        html = lesson_timing.add(html, page, config)
        html = qr_codes.for_lesson(page, config) + html
        html = offline_copy.qr_code_to_web_page(html, page, config)
    html = leader_guide.absolute_links_in_pdf(html, page, config)
    if lang_of(config) != "sv" and not page.meta.get("is_fallback"):
        html = mark_swedish_brackets(html)
    html = listen.word_buttons(html, page, lang_of(config))
    return translation_notices.mark_fallback(html, page)


def on_post_template(output, template_name, config):
    """5. Keep each language's 404 page."""
    if template_name == "404.html":
        output = html_finish.finish_html(output, lang_of(config))
        not_found_pages.keep(output, lang_of(config), Path(config["site_dir"]))
    return output


def on_post_page(output, page, config):
    """6. Finish each page's HTML."""
    lang = lang_of(config)
    output = html_finish.finish_html(output, lang)
    output = html_finish.without_search_offline(output, config)
    output = leader_guide.switcher_to_start_page(output, page)
    output = offline_copy.links_out_of_copy_to_web(output, page, config)
    output = html_finish.language_root_for_search(output, page, lang)
    output = html_finish.hyphenate_headings(output, lang)
    return html_finish.mark_article_language(output, lang)


@event_priority(-110)  # after the i18n plugin has built every language and written the combined index
def on_post_build(config):
    """7. Once every language is built (and its booklet PDF made): the root 404 page, one search index per language,
    the compact stylesheet, lessons without their print-only QR code, what a phone saves, the listen texts, and the
    publishing warnings."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return  # an inner, per-language build: the full index is written at the end
    not_found_pages.restore_swedish(Path(config["site_dir"]))
    search_index.split(Path(config["site_dir"]))
    stylesheet.compact(Path(config["site_dir"]))
    qr_codes.off_the_screen(Path(config["site_dir"]), config)
    save_on_phone.write(Path(config["site_dir"]), Path(config["docs_dir"]), config)
    listen.write_strings(Path(config["site_dir"]))
    publishing.print_warnings(config)

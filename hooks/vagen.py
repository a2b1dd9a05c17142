"""MkDocs hook: facts and district placeholders, translation notices, glossary and language details."""
from __future__ import annotations

import json
import logging
import re
from urllib.parse import urljoin
from pathlib import Path

import segno
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import (  # noqa: E402
    DataError,
    load_edition,
    allowed_hosts,
    DEFAULT_LANG,
    LEADER_PREFIX,
    direction,
    load_facts,
    load_strings,
    page_status,
    status_table,
    LANGS,
    LANG_NAMES,
    read_front_matter,
)

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\.([a-z_]+))?\s*\}\}")
DISTRICT_KEYS = (
    "name", "meeting_place", "meeting_time", "counsellor", "circle_leader", "study_association", "feedback_contact",
)

state: dict = {}


class QuietPdfSwitch(logging.Filter):
    """Drop with-pdf's 'without generate PDF' notice: a web-only preview is a normal build, not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without generate PDF" not in record.getMessage()


logging.getLogger("mkdocs.with-pdf").addFilter(QuietPdfSwitch())


def lang_of(config) -> str:
    """Return the language being built (set by the i18n plugin)."""
    return config.theme["language"]


def t(key: str, lang: str) -> str:
    """Return a site string in a language, falling back to Swedish."""
    entry = state["strings"].get(key, {})
    return entry.get(lang) or entry.get(DEFAULT_LANG, key)


def check_district(district: dict, path) -> None:
    """Fail with a clear message when the edition's district settings miss or misspell a key."""
    missing = [k for k in DISTRICT_KEYS if k not in district]
    unknown = [k for k in district if k not in DISTRICT_KEYS]
    if missing or unknown:
        lines = Path(path).read_text("utf-8").splitlines()
        district_line = next((i + 1 for i, l in enumerate(lines) if l.startswith("district:")), 1)
        line = next((i + 1 for i, l in enumerate(lines) if unknown and l.strip().startswith(f"{unknown[0]}:")), district_line)
        raise PluginError(
            f"{path}:{line}: district: "
            + (f"missing key(s) {', '.join(missing)}; " if missing else "")
            + (f"unknown key(s) {', '.join(unknown)}; " if unknown else "")
            + f"the keys are: {', '.join(DISTRICT_KEYS)}."
        )


def on_pre_build(config):
    """Load facts and strings, and localise the site name for the language being built.

    This is not on_config: the i18n plugin edits the on_config event list while it runs, which skips later handlers.
    """
    lang = lang_of(config)
    try:
        edition = load_edition()
        state["facts"] = load_facts()
        state["strings"] = load_strings()
        state["hosts"] = allowed_hosts()
    except DataError as e:
        raise PluginError(str(e)) from e
    state["lang"] = lang
    state["docs_dir"] = Path(config["docs_dir"])
    check_district(edition["district"] or {}, edition["path"])
    config["extra"]["district"] = edition["district"]
    config["site_url"] = edition["site_url"]
    state["local_queues"] = set(edition["local_queues"] or [])
    config["site_name"] = t("site_name", lang)
    config["site_description"] = t("site_description", lang)
    config["extra"]["strings"] = {k: t(k, lang) for k in state["strings"]}
    config["extra"]["lang"] = lang
    config["extra"]["dir"] = direction(lang)
    config["copyright"] = f"{t('licence', lang)} {t('edition', lang)} {config['extra']['version']}."


@event_priority(-110)
def on_files(files, config):
    """Leave the leader guide out of languages it is not written for."""
    lang = lang_of(config)
    if lang in ("sv", "en"):
        return files
    for f in list(files.documentation_pages()):
        if source_rel(f).startswith(LEADER_PREFIX):
            files.remove(f)
    return files


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


def fact_usage(key: str, with_leader_guide: bool) -> list[str]:
    """Return the source paths (relative to docs/sv) of pages that use a fact; leader pages only where asked."""
    sv = state["docs_dir"] / DEFAULT_LANG
    used = [str(p.relative_to(sv)) for p in sv.rglob("*.md") if re.search(r"fact\." + key + r"\b", p.read_text("utf-8"))]
    return sorted(rel for rel in used if with_leader_guide or not rel.startswith(LEADER_PREFIX))


def page_title(rel: str, lang: str) -> str:
    """Return a page's title in a language, or the Swedish one."""
    for candidate in (state["docs_dir"] / lang / rel, state["docs_dir"] / DEFAULT_LANG / rel):
        if candidate.exists():
            return read_front_matter(candidate).get("title", rel)
    return rel


def facts_table(lang: str, here: str) -> str:
    """Render every fact with its value, where it is used, its source and the date it was checked."""
    up = "../" * here.count("/")  # here is the source path inside the language folder
    head = [t(k, lang) for k in ("fact_value", "fact_used_on", "fact_source", "fact_checked", "fact_status")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for key, fact in state["facts"].items():
        usage = fact_usage(key, with_leader_guide=here.startswith(LEADER_PREFIX))
        used = ", ".join(f"[{page_title(rel, lang)}]({up}{rel})" for rel in usage) or "–"
        host = re.sub(r"^https?://", "", fact["source"]).split("/")[0]
        source = f"[{host}]({fact['source']})" if host in state["hosts"] else f"`{host}`"  # no links to unofficial sites
        rows.append(
            f"| {fact['value']} | {used} | {source} | {fact['checked']} | "
            f"{t('fact_status_' + fact['status'], lang)} |"
        )
    return "\n".join(rows)


GLOSSARY_ENTRY = re.compile(r"^(?P<term>[^\s:!#>|-][^\n]*)\n(?P<defs>(?::   .*\n(?:    .*\n)*)+)", re.M)


def glossary(lang: str) -> str:
    """Collect the 'Ord att kunna' definitions of every lesson into one sorted definition list."""
    entries: dict[str, str] = {}
    for sv_lesson in sorted((state["docs_dir"] / DEFAULT_LANG / "lektioner").glob("*.md")):
        lesson = state["docs_dir"] / lang / "lektioner" / sv_lesson.name
        text = (lesson if lesson.exists() else sv_lesson).read_text("utf-8")
        section = re.search(r"^## .*\{ *#ord *\}\n(.*?)(?=^## )", text, re.S | re.M)
        for m in GLOSSARY_ENTRY.finditer(section.group(1) if section else ""):
            entries.setdefault(m.group("term").strip(), m.group("defs"))
    swedish_key = lambda term: (re.findall(r"\(([^()]*)\)\s*$", term) or [term])[-1].lower()  # noqa: E731
    order = sorted(entries, key=lambda term: (swedish_key(term).translate(str.maketrans("åäö", "{|}")), term))
    return "\n".join(f"{term}\n{entries[term]}" for term in order)


def status_cell(status, lang: str) -> str:
    """Describe one page's translation state: up to date, outdated or missing, and machine-made or reviewed."""
    names = {"up-to-date": "status_up_to_date", "outdated": "status_outdated", "missing": "status_missing"}
    if status.state == "missing":
        return t(names["missing"], lang)
    return f"{t(names[status.state], lang)}, {t('status_reviewed' if status.reviewed else 'status_machine', lang)}"


def translation_status(lang: str) -> str:
    """List every required page per language as up to date, outdated or missing, machine-made or reviewed.

    One collapsible list per language, not one wide table: it has to fit a phone.
    """
    table = status_table(state["docs_dir"])
    parts = []
    for code in LANGS[1:]:
        rows = [(rel, row[code]) for rel, row in sorted(table.items()) if code in row]
        current = sum(1 for _, status in rows if status.state == "up-to-date")
        items = "\n".join(f"    - `{rel}`: {status_cell(status, lang)}" for rel, status in rows)
        parts.append(f'??? info "{LANG_NAMES[code]} ({code}): {current}/{len(rows)} {t("status_up_to_date", lang)}"\n\n{items}')
    return "\n\n".join(parts)


QUEUE_ROW = re.compile(r"^\|\s*\[[^\]]*\]\(https://([^/)]+)[^)]*\).*\|\s*$", re.M)


def local_queues(markdown: str) -> str:
    """In the section on other housing queues, keep only the queues this edition lists (by web host)."""
    head, sep, rest = markdown.partition("{ #andra-koer }")
    if not sep:
        return markdown
    section, nxt, tail = rest.partition("\n## ")
    section = QUEUE_ROW.sub(lambda m: m.group(0) if m.group(1) in state["local_queues"] else "\x00", section)
    section = section.replace("\x00\n", "")
    return head + sep + section + nxt + tail


def substitute(markdown: str, page, config) -> str:
    """Replace {{ fact.x }}, {{ district.x }}, {{ facts_table }} and {{ glossary }}, or fail naming file and line.

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
            return str(state["facts"][key]["value"])
        if kind == "district":
            if key not in district:
                raise PluginError(f"{where}: unknown district detail '{key}'. Known: {', '.join(DISTRICT_KEYS)}.")
            value = district[key]
            return str(value.get(lang) or value.get(DEFAULT_LANG)) if isinstance(value, dict) else str(value)
        if kind == "site" and key == "version":
            return str(config["extra"]["version"])
        if kind == "facts_table" and key is None:
            return '<div class="facts-table" markdown>\n\n' + facts_table(lang, source_rel(page.file)) + "\n\n</div>"
        if kind == "glossary" and key is None:
            return glossary(lang)
        if kind == "qr_handouts" and key is None:
            return qr_handouts(lang, config)
        if kind == "translation_status" and key is None:
            return translation_status(lang)
        raise PluginError(f"{where}: unknown placeholder '{m.group(0)}'. Use fact.<key>, district.<key>, site.version, facts_table, glossary, qr_handouts or translation_status.")

    return PLACEHOLDER.sub(replace, markdown)


def notices(page, lang: str) -> list[dict]:
    """Return the translation notices a page needs: not translated, outdated, machine translated."""
    if lang == DEFAULT_LANG:
        return []
    rel = source_rel(page.file)
    status = page_status(state["docs_dir"], lang, rel)
    sv_url = to_site_root(page.file.url) + page.file.url.removeprefix(f"{lang}/")
    found = []
    if status.state == "missing":
        found.append({"kind": "info", "text": t("not_translated", lang), "href": None})
    else:
        if status.state == "outdated":
            found.append({"kind": "warning", "text": t("outdated", lang), "href": sv_url})
        if not status.reviewed:
            found.append({"kind": "note", "text": t("machine_translated", lang), "href": sv_url})
    for n in found:
        n["link_text"] = t("swedish_version", lang)
    return found


def on_page_markdown(markdown, page, config, files):
    """Fill placeholders and attach the page's translation notices and PDF link."""
    lang = lang_of(config)
    try:
        read_front_matter(Path(page.file.abs_src_path))
        page.meta["notices"] = notices(page, lang)
    except DataError as e:
        raise PluginError(str(e)) from e
    page.meta["is_fallback"] = lang != DEFAULT_LANG and f"/{DEFAULT_LANG}/" in Path(page.file.abs_src_path).as_posix()
    root = to_site_root(page.file.url) + ("" if lang == DEFAULT_LANG else f"{lang}/")
    leader = source_rel(page.file).startswith(LEADER_PREFIX)
    page.meta["pdf_href"] = root + ("pdf/cirkelledarvagledning.pdf" if leader else "pdf/deltagarhafte.pdf")
    page.meta["pdf_label"] = t("pdf_leader_link" if leader else "pdf_link", lang)
    if not leader:
        page.meta["offline_href"] = to_site_root(page.file.url) + f"offline/vagen-{lang}.zip"
        page.meta["offline_label"] = t("offline_link", lang)
    return local_queues(substitute(markdown, page, config))


HREF = re.compile(r'href="([^"#:]*/)(#[^"]*)?"')


def absolute_links_out_of_leader_guide(html: str, page, config) -> str:
    """In the leader-guide PDF build, point links to participant pages at the web site, since the PDF lacks them."""
    here = urljoin(config["site_url"], page.url)
    guide = urljoin(config["site_url"], page.url.split(LEADER_PREFIX)[0] + LEADER_PREFIX)

    def absolute(m: re.Match) -> str:
        target = urljoin(here, m.group(1))
        return m.group(0) if target.startswith(guide) else f'href="{target}{m.group(2) or ""}"'

    return HREF.sub(absolute, html)


def qr_svg(url: str, label: str) -> str:
    """Return an inline SVG QR code for an address, named for screen readers."""
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=4, border=4, omitsize=False)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}: {url}" viewBox="0 0 {svg_size(svg)} {svg_size(svg)}" ', 1)


def svg_size(svg: str) -> str:
    """Return the width of a segno SVG (it is square)."""
    return re.search(r'width="(\d+)"', svg).group(1)


def lesson_qr(page, config) -> str:
    """A QR code to the lesson's own address, printed on its first page (hidden on screen)."""
    lang = lang_of(config)
    url = urljoin(config["site_url"], page.url)
    return f'<div class="qr-print">{qr_svg(url, t("scan_text", lang))}<p>{t("scan_text", lang)}</p></div>'


def qr_handouts(lang: str, config) -> str:
    """One printable handout per lesson: its QR code in every language, with the language's own name."""
    sections = []
    for sv_lesson in sorted((state["docs_dir"] / DEFAULT_LANG / "lektioner").glob("*.md")):
        rel = f"lektioner/{sv_lesson.name}"
        slug = rel.removesuffix(".md") + "/"
        cards = []
        for code in LANGS:
            url = urljoin(config["site_url"], ("" if code == DEFAULT_LANG else f"{code}/") + slug)
            cards.append(
                f'<td lang="{code}" dir="{direction(code)}">{qr_svg(url, LANG_NAMES[code])}'
                f"<br><strong>{LANG_NAMES[code]}</strong><br>{page_title(rel, code)}</td>"
            )
        rows = "".join("<tr>" + "".join(cards[i:i + 4]) + "</tr>" for i in range(0, len(cards), 4))
        sections.append(
            f'<div class="qr-handout" id="qr-{sv_lesson.stem}"><h2>{page_title(rel, lang)}</h2>'
            f'<p>{t("scan_text", lang)}</p><table class="qr-grid">{rows}</table></div>'
        )
    return "\n".join(sections)


TASK_LABEL = re.compile(
    r'(<label class="task-list-control"><input[^>]*/><span class="task-list-indicator"></span>)</label> ?'
    r"(.*?)(?=</li>|</p>|<ul|<ol)", re.S)


def on_page_content(html, page, config, files):
    """Put each checklist item's text inside its checkbox label, and mark a Swedish fallback page as Swedish."""
    html = TASK_LABEL.sub(r"\1 \2</label>", html)
    if source_rel(page.file).startswith("lektioner/"):
        html = lesson_qr(page, config) + html
    if config["extra"].get("pdf_kind") == "leader" and source_rel(page.file).startswith(LEADER_PREFIX):
        html = absolute_links_out_of_leader_guide(html, page, config)
    if page.meta.get("is_fallback"):
        return f'<div lang="{DEFAULT_LANG}" dir="ltr">{html}</div>'
    return html


SEARCH_LANGS = {"sv", "en", "ar"}  # languages with a lunr stemmer in Material; the others search whole words


def on_post_template(output, template_name, config):
    """Give each language its own 404 page. The i18n plugin renders 404.html once per language into the site root,
    each overwriting the last; keep each language's copy, and the Swedish one for the root."""
    if template_name == "404.html":
        lang = lang_of(config)
        output = finish_html(output, lang)
        if lang == DEFAULT_LANG:
            state["root_404"] = output
        else:
            target = Path(config["site_dir"]) / lang / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, "utf-8")
    return output


@event_priority(-110)  # after the i18n plugin has built every language and written the combined index
def on_post_build(config):
    """Give each language its 404 page, and split the one search index into one per language."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return  # an inner, per-language build: the full index is written at the end
    if "root_404" in state:
        (Path(config["site_dir"]) / "404.html").write_text(state["root_404"], "utf-8")
    combined_path = Path(config["site_dir"]) / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text("utf-8"))
    for lang in LANGS:
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in combined["docs"]
            if (lang_of_location(doc["location"]) == lang)
        ]
        index = {
            # An empty pipeline leaves Material's search without results; English stop words touch no other script.
            "config": {**combined["config"], "lang": [lang if lang in SEARCH_LANGS else "en"], "pipeline": ["stopWordFilter"]},
            "docs": docs,
        }
        target = Path(config["site_dir"]) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


def lang_of_location(location: str) -> str:
    """Return the language of a search entry from its location."""
    first = location.split("/", 1)[0]
    return first if first in LANGS and first != DEFAULT_LANG else DEFAULT_LANG


def finish_html(output: str, lang: str) -> str:
    """Set lang and dir on <html>, name the search dialog, and drop the head's alternate links."""
    output = output.replace('<html lang="' + lang + '" class="no-js">', f'<html lang="{lang}" dir="{direction(lang)}" class="no-js">', 1)
    output = output.replace('role="dialog">', f'role="dialog" aria-label="{t("search_dialog", lang)}">', 1)
    # Material's script fetches "<alternate>/sitemap.xml" for each <link rel=alternate>, which assumes the link is a
    # language root; the i18n plugin links the same page instead, so every page logged 404s. The visible language
    # switcher keeps its per-page links with hreflang.
    return re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">', "", output)


def on_post_page(output, page, config):
    """Finish the page's HTML, point search at this language's own index, and mark the article's language."""
    lang = lang_of(config)
    output = finish_html(output, lang)
    if not config["use_directory_urls"]:  # an offline copy: search cannot run from the file system, so Material
        output = output.replace("<body ", "<body data-offline ", 1)  # must not find its search component
        output = output.replace('data-md-component="search"', 'data-md-component="search-offline"')
        output = output.replace('name="search"', 'name="search-offline"')
    if source_rel(page.file).startswith(LEADER_PREFIX):  # the switcher leads to the start page where no guide exists
        others = "|".join(re.escape(l) for l in LANGS if l not in ("sv", "en"))
        output = re.sub(rf'href="([./]*)({others})/ledare/[^"]*"', r'href="\1\2/"', output)
    if lang != DEFAULT_LANG:  # search, and Material's storage scope, use this language's own root
        depth = len(to_site_root(page.url)) // 3 - 1
        output = re.sub(r'"base": "[^"]*"', f'"base": "{"/".join([".."] * depth) or "."}"', output, count=1)
    return output.replace('<article class="md-content__inner', f'<article lang="{lang}" dir="{direction(lang)}" class="md-content__inner', 1)

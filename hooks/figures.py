"""Teaching figures: ```figure blocks (YAML, FIGURE-SPEC in CONTRIBUTING.md) drawn as escaped HTML and CSS, never images.

A figure is found in a page's Markdown after its placeholders are filled, checked (kind, keys, required texts, marks,
ids, icons) and drawn with the made-up-example stamp in the page's language and a visible caption. A problem stops
the build naming the file and the line of the figure in the source.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import material
from mkdocs.exceptions import PluginError

from hooks.site_data import lang_of, t
from scripts.content_rules import figure_blocks
from scripts.project import DEFAULT_LANG, DataError, parse_yaml

ICONS = Path(material.__file__).parent / "templates" / ".icons"
ICON_SVG = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="0 0 24 24"><path d="[-0-9.,a-zA-Z ]+"/></svg>')
COMMON = {"id", "kind", "alt", "caption", "title", "sv"}
KEYS = {
    "message": {"channel", "from", "subject", "text", "marks"},
    "document": {"fields", "text"},
    "screen": {"fields", "text", "address"},
    "timeline": {"events", "span"},
    "compare": {"columns"},
    "steps": {"steps"},
}
REQUIRED = {"message": ["channel", "text"], "document": ["fields"], "screen": ["fields"], "timeline": ["events"],
            "compare": ["columns"], "steps": ["steps"]}
ITEM_KEYS = {
    "marks": ({"text", "note"}, {"text", "note"}),
    "fields": ({"label", "sv", "value", "mark", "wrong", "missing"}, {"label"}),
    "events": ({"when", "text", "mark", "sv"}, {"when", "text"}),
    "columns": ({"title", "sv", "tone", "points"}, {"title", "tone", "points"}),
    "steps": ({"icon", "text", "sv"}, {"icon", "text"}),
    "points": ({"text", "mark"}, {"text"}),
}
TONES = {"good": "material/check-circle-outline", "bad": "material/close-circle-outline",
         "neutral": "material/minus-circle-outline"}
CHANNEL_ICONS = {"sms": "material/message-text-outline", "email": "material/email-outline"}
MARK_ICON, WRONG_ICON = "material/arrow-up-bold-outline", "material/close-circle-outline"


class FigureError(Exception):
    """A figure that cannot be drawn; the message says what to fix."""


def render(markdown: str, page, config) -> str:
    """Replace every ```figure block of a filled page by its HTML, or stop the build naming file and line."""
    path = Path(page.file.abs_src_path)
    source_lines = [start for start, _, _ in figure_blocks(path.read_text("utf-8"))]
    lang = DEFAULT_LANG if page.meta.get("is_fallback") else lang_of(config)
    seen: dict[str, int] = {}
    out, pos = [], 0
    for n, (start, end, body) in enumerate(figure_blocks(markdown)):
        line = source_lines[n] if n < len(source_lines) else 1
        try:
            fig = parse(body, path, line)
            check(fig, seen, line)
            drawn = draw(fig, lang)
        except FigureError as e:
            raise PluginError(f"{path}:{line}: figure '{fig_id(body)}': {e}") from None
        lines = markdown.split("\n")
        out.append("\n".join(lines[pos:start - 1]))
        out.append("\n" + drawn + "\n")
        pos = end
    if not out:
        return markdown
    out.append("\n".join(markdown.split("\n")[pos:]))
    return "\n".join(out)


def fig_id(body: str) -> str:
    """Return the id written in a figure's body, for messages (or '?')."""
    m = re.search(r"^id:\s*(\S+)", body, re.M)
    return m.group(1) if m else "?"


def parse(body: str, path: Path, line: int) -> dict:
    """Parse a figure's YAML body with the project's loader (a key written twice fails) into plain texts."""
    try:
        fig = parse_yaml(body, path, line_offset=line)
    except DataError as e:
        raise PluginError(str(e)) from None
    if not isinstance(fig, dict):
        raise PluginError(f"{path}:{line}: a figure's body is 'key: value' lines (id, kind, alt, caption, ...).")
    return plain(fig)


def plain(value):
    """Turn every scalar into text, undoing the HTML escaping of filled placeholders (the figure escapes once)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return None if value is None else html.unescape(str(value)).strip()


def check(fig: dict, seen: dict, line: int) -> None:
    """Check a figure's kind, keys and required texts, its id (once per page), its marks and its icons."""
    kind = fig.get("kind")
    if kind not in KEYS:
        raise FigureError(f"unknown kind {kind!r}. Kinds: {', '.join(KEYS)}.")
    unknown = sorted(set(fig) - COMMON - KEYS[kind])
    if unknown:
        raise FigureError(f"unknown key(s) {', '.join(unknown)} for kind '{kind}'. "
                          f"Keys: {', '.join(sorted(COMMON | KEYS[kind]))}.")
    for key in ["id", "alt", "caption"] + REQUIRED[kind]:
        if not fig.get(key):
            raise FigureError(f"'{key}' is missing or empty. Every figure needs id, kind, alt (what a blind reader "
                              "needs to know) and caption" + (f"; kind '{kind}' also needs {', '.join(REQUIRED[kind])}." if REQUIRED[kind] else "."))
    if not re.fullmatch(r"fig-[a-z0-9-]+", fig["id"]):
        raise FigureError(f"the id '{fig['id']}' must start with 'fig-' and use a-z, 0-9 and '-' only.")
    if fig["id"] in seen:
        raise FigureError(f"the id '{fig['id']}' is used twice on this page (first at line {seen[fig['id']]}).")
    seen[fig["id"]] = line
    for key in ("alt", "caption", "title", "sv", "from", "subject", "address", "text"):
        if key in fig and not isinstance(fig[key], str):
            raise FigureError(f"'{key}' must be plain text.")
    for key, (allowed, needed) in ITEM_KEYS.items():
        if key in fig and key != "points":
            check_items(fig[key], key, allowed, needed)
    if kind == "message":
        check_message(fig)
    for column in fig.get("columns") or []:
        check_column(column)
    for step in fig.get("steps") or []:
        icon(step["icon"])
    if "span" in fig:
        check_span(fig)


def check_items(items, key: str, allowed: set, needed: set) -> None:
    """Check that a list of entries (fields, events, marks...) holds mappings with known and required keys."""
    if not isinstance(items, list) or not items:
        raise FigureError(f"'{key}' must be a list of entries, each starting with '- '.")
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise FigureError(f"{key} entry {n} must be 'key: value' lines ({', '.join(sorted(needed))}).")
        unknown, missing = sorted(set(item) - allowed), sorted(k for k in needed if not item.get(k))
        if unknown:
            raise FigureError(f"{key} entry {n}: unknown key(s) {', '.join(unknown)}. Keys: {', '.join(sorted(allowed))}.")
        if missing:
            raise FigureError(f"{key} entry {n}: '{missing[0]}' is missing or empty.")


def check_message(fig: dict) -> None:
    """Check a message's channel and that every mark's text is an exact part of the message."""
    if fig["channel"] not in CHANNEL_ICONS:
        raise FigureError(f"channel must be sms or email, not {fig['channel']!r}.")
    if "subject" in fig and fig["channel"] != "email":
        raise FigureError("only an e-mail has a subject; remove 'subject' or write channel: email.")
    for n, mark in enumerate(fig.get("marks") or [], start=1):
        if mark["text"] not in fig["text"]:
            raise FigureError(f"mark {n}: the text '{mark['text']}' is not found in the message. A mark's text must "
                              "be an exact part of 'text' (same words, same spelling).")


def check_column(column: dict) -> None:
    """Check a compare column's tone and its points."""
    if column["tone"] not in TONES:
        raise FigureError(f"column '{column['title']}': tone must be good, bad or neutral, not {column['tone']!r}.")
    points = column["points"]
    if not isinstance(points, list) or not points:
        raise FigureError(f"column '{column['title']}': 'points' must be a list.")
    check_items([p for p in points if not isinstance(p, str)] or [{"text": "x"}], "points", *ITEM_KEYS["points"])


def check_span(fig: dict) -> None:
    """Check a timeline's span: a mapping with text and the 1-based number of the event it starts from."""
    span = fig["span"]
    if not isinstance(span, dict) or set(span) - {"from", "to", "text"} or not span.get("text"):
        raise FigureError("span is written {from: <event number>, text: ...} (and optionally to: <event number>).")
    for key in ("from", "to"):
        if key in span and (not str(span[key]).isdigit() or not 1 <= int(span[key]) <= len(fig["events"])):
            raise FigureError(f"span: {key} must be an event number from 1 to {len(fig['events'])}.")


@lru_cache(maxsize=None)
def icon(name: str) -> str:
    """Return a bundled theme icon as inline SVG, hidden from screen readers, after checking it is a bare path."""
    path = ICONS / f"{name}.svg"
    if not re.fullmatch(r"[a-z]+/[a-z0-9-]+", name) or not path.is_file():
        raise FigureError(f"unknown icon '{name}'. Use a Material icon name like material/email-outline "
                          "(https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/).")
    svg = path.read_text("utf-8").strip()
    if not ICON_SVG.fullmatch(svg):
        raise FigureError(f"icon '{name}' is not a plain one-path icon; choose another.")
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


# --- drawing ----------------------------------------------------------------------------------------------------------

def e(text) -> str:
    """Escape a text for HTML."""
    return html.escape(str(text))


def sv_word(item: dict) -> str:
    """Return the Swedish word a participant sees on a Swedish screen, under the translated label (lang="sv")."""
    return f'<span class="vf-sv" lang="sv">{e(item["sv"])}</span>' if item.get("sv") else ""


def draw(fig: dict, lang: str) -> str:
    """Return the whole figure: the drawing (role="img", named by the alt text and the stamp) and its caption."""
    stamp = t("made_up_example", lang)
    title = f'<p class="vf-title">{e(fig["title"])}{sv_word(fig)}</p>' if fig.get("title") else ""
    body = globals()[f"draw_{fig['kind']}"](fig)
    return (f'<figure class="vagen-figure vagen-figure--{fig["kind"]}" id="{e(fig["id"])}">'
            f'<div class="vf-draw" role="img" aria-label="{e(stamp)}. {e(fig["alt"])}">'
            f'<p class="vf-stamp">{e(stamp)}</p>{title}{body}</div>'
            f'<figcaption>{e(fig["caption"])}</figcaption></figure>')


def paragraphs(text: str | None, marks: list | None = None) -> str:
    """Return text as paragraphs (a blank line starts a new one), with marked parts numbered and outlined."""
    if not text:
        return ""
    out = []
    for para in re.split(r"\n\s*\n", text):
        escaped = e(" ".join(para.split()))
        for n, mark in enumerate(marks or [], start=1):
            part = e(mark["text"])
            escaped = escaped.replace(part, f'<mark class="vf-mark"><b class="vf-n">{n}</b>{part}</mark>', 1)
        out.append(f"<p>{escaped}</p>")
    return "".join(out)


def notes(marks: list | None) -> str:
    """Return the numbered notes that explain a message's marks."""
    if not marks:
        return ""
    items = "".join(f'<li><b class="vf-n">{n}</b>{e(m["note"])}</li>' for n, m in enumerate(marks, start=1))
    return f'<ol class="vf-notes">{items}</ol>'


def draw_message(fig: dict) -> str:
    """An SMS or e-mail on a phone: sender (and subject), the text with its marks, then the notes."""
    head = f'<p class="vf-from">{icon(CHANNEL_ICONS[fig["channel"]])}<b>{e(fig.get("from") or "")}</b></p>'
    subject = f'<p class="vf-subject">{e(fig["subject"])}</p>' if fig.get("subject") else ""
    return (f'<div class="vf-phone vf-phone--{fig["channel"]}">{head}{subject}'
            f'<div class="vf-text">{paragraphs(fig["text"], fig.get("marks"))}</div></div>{notes(fig.get("marks"))}')


def draw_field(field: dict) -> str:
    """One field of a document: label (and the Swedish word), value, and a note when marked, wrong or missing.

    The value takes its direction from its first letter, and is left to right without one: a plusgiro or OCR number
    keeps its order on an Arabic page.
    """
    state = next((s for s in ("mark", "wrong", "missing") if field.get(s)), "")
    value = "" if state == "missing" else e(field.get("value") or "")
    note = ""
    if state:
        note = f'<span class="vf-note">{icon(WRONG_ICON if state == "wrong" else MARK_ICON)}{e(field[state])}</span>'
    return (f'<div class="vf-row{" vf-is-" + state if state else ""}"><span class="vf-label">{e(field["label"])}'
            f'{sv_word(field)}</span><span class="vf-value" dir="{value_direction(value)}">{value}</span>{note}</div>')


def value_direction(value: str) -> str:
    """Return "ltr" for a value without letters (a plusgiro, OCR or amount keeps its order in the PDF too), else "auto"."""
    return "auto" if re.search(r"[^\W\d_]", html.unescape(value)) else "ltr"


def draw_document(fig: dict) -> str:
    """Paper: its fields, then its body text."""
    return f'<div class="vf-paper">{"".join(draw_field(f) for f in fig["fields"])}{paragraphs(fig.get("text"))}</div>'


def draw_screen(fig: dict) -> str:
    """A web page in a browser frame: the address bar, then the page drawn as paper."""
    bar = f'<p class="vf-bar" dir="ltr">{icon("material/lock-outline")}{e(fig.get("address") or "")}</p>'
    return f'<div class="vf-browser">{bar}{draw_document(fig)}</div>'


def draw_timeline(fig: dict) -> str:
    """Events along a line (reading direction follows the page), and a bar from one event on (the span)."""
    span = fig.get("span") or {}
    start, end = int(span.get("from") or 0), int(span.get("to") or len(fig["events"]))
    items = []
    for n, ev in enumerate(fig["events"], start=1):
        cls = "vf-event" + (" vf-in-span" if start and start <= n <= end else "") + (" vf-marked" if ev.get("mark") else "")
        note = f'<span class="vf-note">{icon(MARK_ICON)}{e(ev["mark"])}</span>' if ev.get("mark") else ""
        items.append(f'<li class="{cls}"><b class="vf-when">{e(ev["when"])}</b>{sv_word(ev)}'
                     f'<span>{e(ev["text"])}</span>{note}</li>')
    span = f'<p class="vf-span">{e(fig["span"]["text"])}</p>' if fig.get("span") else ""
    return f'<ol class="vf-line">{"".join(items)}</ol>{span}'


def draw_compare(fig: dict) -> str:
    """Columns side by side (stacked on a phone), each with its tone's icon and border pattern."""
    cols = []
    for col in fig["columns"]:
        points = []
        for p in col["points"]:
            text, mark = (p, None) if isinstance(p, str) else (p["text"], p.get("mark"))
            note = f'<span class="vf-note">{icon("material/alert-outline")}{e(mark)}</span>' if mark else ""
            points.append(f'<li class="vf-marked">{e(text)}{note}</li>' if mark else f"<li>{e(text)}</li>")
        cols.append(f'<div class="vf-col vf-{col["tone"]}"><p class="vf-head">{icon(TONES[col["tone"]])}'
                    f'{e(col["title"])}{sv_word(col)}</p><ul>{"".join(points)}</ul></div>')
    return f'<div class="vf-cols">{"".join(cols)}</div>'


def draw_steps(fig: dict) -> str:
    """A numbered routine, one icon per step."""
    items = "".join(f'<li>{icon(s["icon"])}<span>{e(s["text"])}{sv_word(s)}</span></li>' for s in fig["steps"])
    return f'<ol class="vf-steps">{items}</ol>'


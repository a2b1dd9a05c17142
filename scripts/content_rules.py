"""Rules every page source obeys, shared by the build (which stops on them) and the tests.

Content is text, not code; no box is empty; no Swedish paragraph is left in a translation; no placeholder is left
unfilled; no person's phone number or e-mail address is published. Each rule returns problems that name the file,
the line and what to do.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts.project import DATA, FRONT_MATTER, load_yaml

# --- Content is text, not code ------------------------------------------------------------------------------------

FORBIDDEN = [
    (re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|form|base|meta|link)\b", re.I),
     "the element <{0}> runs or loads code; pages are text. Remove it"),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "the event-handler attribute '{0}=' runs code. Remove it"),
    (re.compile(r"(?:\]\(\s*<?|(?:href|src|action|data)\s*=\s*[\"']?\s*)(javascript|data|vbscript):", re.I),
     "a '{0}:' address runs code or hides content. Link to an https address or a page of the site"),
]
TITLE_MARKUP = re.compile(r"^(title|description):.*[<>]", re.M)


def markup_problems(path: Path, text: str) -> list[str]:
    """Return every script, frame, style, event handler or javascript:/data: address in a page source."""
    problems = []
    for pattern, message in FORBIDDEN:
        for m in pattern.finditer(text):
            problems.append(f"{path}:{line_at(text, m.start())}: {message.format(m.group(1).lower())}.")
    front = FRONT_MATTER.match(text)
    for m in TITLE_MARKUP.finditer(front.group(0) if front else ""):
        problems.append(f"{path}:{line_at(text, m.start())}: the {m.group(1)} holds '<' or '>'. "
                        "Titles and descriptions are plain text; write it without markup.")
    return problems


def line_at(text: str, pos: int) -> int:
    """Return the 1-based line number of a position in a text."""
    return text.count("\n", 0, pos) + 1


# --- Boxes with a body ----------------------------------------------------------------------------------------------

BOX = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]+[a-z]+")


def empty_boxes(path: Path, text: str) -> list[str]:
    """Return every admonition whose body is missing, or lost its four-space indent."""
    lines, problems = text.split("\n"), []
    for i, line in enumerate(lines):
        m = BOX.match(line)
        if not m:
            continue
        body = next((l for l in lines[i + 1:] if l.strip()), "")
        if not body.startswith(m.group("indent") + "    "):
            problems.append(f"{path}:{i + 1}: this box ('{line.strip()[:50]}') has no body. Indent its text by four "
                            "spaces under the '!!!' line, or remove the box.")
    return problems


# --- Swedish left in a translation ----------------------------------------------------------------------------------

SWEDISH_WORDS = set(
    "och att det som är på för med har inte du din ditt dina dig jag vi ni kan ska till om av eller när så men den de "
    "sig vad hur får måste också efter från mycket alla bara här där sedan ett en vill kommer finns hos mot utan vid "
    "var blir varje".split())
NOT_PROSE = re.compile(r"\([^()]*\)|\{\{.*?\}\}|\{[^}]*\}|`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+|&\w+;")


def reads_as_swedish(text: str) -> bool:
    """Tell whether a block of text reads as Swedish (key words in brackets, code and addresses left aside)."""
    words = [w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäöé]+", NOT_PROSE.sub(" ", text))]
    hits = [w for w in words if w in SWEDISH_WORDS]
    return len(words) >= 4 and len(set(hits)) >= 2 and len(hits) >= 0.2 * len(words)


def swedish_blocks(path: Path, text: str) -> list[str]:
    """Return every paragraph, list item, table cell, box line or figure text of a translated page that reads as
    Swedish (a figure's `sv:` words are the Swedish a participant sees on a Swedish screen, and stay)."""
    front = FRONT_MATTER.match(text)
    start = text.count("\n", 0, front.end()) if front else 0
    in_figures = {n for first, last, _ in figure_blocks(text) for n in range(first, last + 1)}
    problems = [f"{path}:{n}: this figure text reads as Swedish ('{value[:60]}'). Translate it; only the Swedish "
                "words a participant sees on a Swedish screen stay Swedish, under the key 'sv:'."
                for n, key, value in figure_texts(text) if reads_as_swedish(value)]
    for n, line in enumerate(text.split("\n")[start:], start=start + 1):
        if n in in_figures:
            continue
        cells = line.split("|") if line.lstrip().startswith("|") else [line]
        if any(reads_as_swedish(cell) for cell in cells):
            problems.append(f"{path}:{n}: this text reads as Swedish ('{line.strip()[:60]}'). Translate it; only "
                            "Swedish key words and names stay Swedish, in brackets after the translation.")
    return sorted(problems, key=lambda p: int(p.split(":")[1]))


# --- Figures (```figure blocks; the hook hooks/figures.py draws them) -------------------------------------------------

FIGURE_FENCE = re.compile(r"^```figure[ \t]*$")
NOT_TRANSLATED = {"id", "kind", "channel", "icon", "tone", "sv", "from", "address"}


def figure_blocks(text: str) -> list[tuple[int, int, str]]:
    """Return each ```figure block of a page as (line of its opening fence, line of its closing fence, YAML body)."""
    lines, blocks, n = text.split("\n"), [], 0
    while n < len(lines):
        if FIGURE_FENCE.match(lines[n]):
            end = next((i for i in range(n + 1, len(lines)) if re.match(r"^```[ \t]*$", lines[i])), len(lines))
            blocks.append((n + 1, end + 1, "\n".join(lines[n + 1:end])))
            n = end
        n += 1
    return blocks


def figure_texts(text: str) -> list[tuple[int, str, str]]:
    """Return (line, key, text) for every translatable text of every figure in a page (not ids, icons or `sv:`)."""
    import yaml  # noqa: PLC0415 (only pages with figures need it)

    found = []
    for first, _, body in figure_blocks(text):
        try:
            data = yaml.safe_load(body)
        except yaml.YAMLError:
            continue  # the build names the malformed figure
        body_lines = body.split("\n")
        for key, value in walk_texts(data):
            snippet = value.split("\n")[0].strip()[:40]
            offset = next((i for i, l in enumerate(body_lines) if snippet and snippet in l), -1)
            found.append((first + 1 + offset if offset >= 0 else first, key, value))
    return found


def walk_texts(data, key: str = ""):
    """Yield (key, text) for the translatable texts in a figure's parsed YAML."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in NOT_TRANSLATED:
                yield from walk_texts(v, str(k))
    elif isinstance(data, list):
        for v in data:
            yield from walk_texts(v, key)
    elif isinstance(data, str):
        yield key, data


SWEDISH_BRACKET = re.compile(r"\(([^()<>]*)\)")


def mark_swedish_brackets(html: str) -> str:
    """Mark Swedish phrases of three words or more kept in brackets in a translation as lang="sv"."""
    def mark(m: re.Match) -> str:
        words = re.findall(r"[A-Za-zÅÄÖåäöé]+", m.group(1))
        if len(words) >= 3 and {w.lower() for w in words} & SWEDISH_WORDS:
            return f'(<span lang="sv">{m.group(1)}</span>)'
        return m.group(0)

    parts = re.split(r"(<[^>]+>)", html)
    return "".join(part if part.startswith("<") else SWEDISH_BRACKET.sub(mark, part) for part in parts)


# --- Placeholders all or nothing ------------------------------------------------------------------------------------

LEFTOVER = re.compile(r"\{\{[^{}\n]{0,60}\}?\}?|\{%[^\n]{0,60}?%\}|\}\}|\{%|%\}")


def leftover_placeholders(path: Path, source: str, filled: str) -> list[str]:
    """Return each '{{', '}}' or '{%' still in a page after its placeholders were filled, with its source line."""
    return [f"{path}:{line_of_snippet(source, m.group(0))}: '{m.group(0)}' is not a placeholder the build knows, so its "
            "braces would be published. Write {{ fact.<key> }}, {{ household.<key> }} or {{ district.<key> }}: a known lower-case key, "
            "two braces on each side." for m in LEFTOVER.finditer(filled)]


def line_of_snippet(source: str, snippet: str) -> int:
    """Return the line of a source where a snippet (or its longest part) occurs, else 1."""
    for piece in sorted({snippet, *snippet.split()}, key=len, reverse=True):
        if piece and piece in source:
            return line_at(source, source.index(piece))
    return 1


# --- No person's contact details ------------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+-])(?:\+46[ -]?|0)\d{1,3}[ -]?\d{2,4}(?:[ -]?\d{2,3}){1,3}(?![\w-])")


def digits(text: str) -> str:
    """Return only the digits of a phone number (a leading +46 becomes 0)."""
    return re.sub(r"\D", "", re.sub(r"^\+46", "0", text.strip()))


def public_contacts(facts: dict, path: Path = DATA / "public-contacts.yml") -> set[str]:
    """Return the organisations' public numbers (as digits) and addresses that may be published."""
    listed = {(str(c["value"])) for c in (load_yaml(path) or {}).get("contacts") or []} if path.exists() else set()
    listed |= {str(f["value"]) for f in facts.values() if f.get("kind") == "phone"}
    return {digits(v) if not EMAIL.fullmatch(v) else v.lower() for v in listed}


def contact_problems(path: Path, text: str, allowed: set[str]) -> list[str]:
    """Return every phone number or e-mail address in a text that is not an organisation's listed public contact."""
    problems = []
    text = re.sub(r"(?m)^source_hash: .*$", lambda m: " " * len(m.group(0)), text)  # a hash of digits is no number
    for pattern, kind in ((EMAIL, "e-mail address"), (PHONE, "phone number")):
        for m in pattern.finditer(text):
            key = m.group(0).lower() if kind == "e-mail address" else digits(m.group(0))
            if key not in allowed:
                problems.append(f"{path}:{line_at(text, m.start())}: the {kind} '{m.group(0)}' is not an organisation's "
                                "public contact in data/public-contacts.yml. Never publish a person's details: write a "
                                "role, or add the organisation's public contact there with its source.")
    return problems

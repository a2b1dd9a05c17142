"""Compute LIX (läsbarhetsindex) for Markdown source pages or built HTML pages."""
import re
import sys
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "figcaption", "summary"]
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MD_EXTENSIONS = ["admonition", "attr_list", "def_list", "tables", "md_in_html", "pymdownx.details", "pymdownx.tasklist"]


def lix_of_text_blocks(blocks: list[str]) -> tuple[float, int]:
    """Return (LIX, word count); every block ends a sentence, as do . ! ? and :"""
    words = long_words = sentences = 0
    for block in blocks:
        found = WORD.findall(block)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if len(w) > 6)
        inner = len(re.findall(r"[.!?:;]+(?=\s|$)", block.strip()))
        ends_with_stop = bool(re.search(r"[.!?:;]\s*$", block.strip()))
        sentences += max(1, inner + (0 if ends_with_stop else 1))
    if not words:
        return 0.0, 0
    return words / sentences + 100 * long_words / words, words


def text_blocks(html: str) -> list[str]:
    """Split the main content of an HTML page into text blocks (innermost block elements)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("article") or soup
    for junk in main.select("script, style, svg, .headerlink, .md-source-file, .translation-notice, .md-content__button, .facts-table, .qr-print"):
        junk.decompose()
    blocks = []
    for el in main.find_all(BLOCKS):
        if el.find(BLOCKS):  # only innermost blocks, so no text is counted twice
            for child in el.find_all(BLOCKS):
                child.extract()
        blocks.append(el.get_text(" ", strip=True))
    return [b for b in blocks if b]


def html_of(path: Path) -> str:
    """Return HTML for a built page, or render a Markdown page (front matter dropped)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        return "<article>" + "".join(f"<p>{para}</p>" for para in re.split(r"\n\s*\n", text)) + "</article>"
    if path.suffix == ".md":
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        text = re.sub(r"\{\{.*?\}\}", "X", text)
        return "<article>" + markdown.markdown(text, extensions=MD_EXTENSIONS) + "</article>"
    return text


def lix_of_file(path: Path) -> tuple[float, int]:
    """Return (LIX, word count) of one page."""
    return lix_of_text_blocks(text_blocks(html_of(path)))


def main(paths: list[str]) -> None:
    """Print LIX and word count per page."""
    for p in paths:
        lix, words = lix_of_file(Path(p))
        print(f"{lix:5.1f}  {words:5d}  {p}")


if __name__ == "__main__":
    main(sys.argv[1:])

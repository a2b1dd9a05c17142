"""mkdocs-with-pdf event hook: language, direction, fonts, a localised table of contents, and the exercises' answers
gathered at the end of the booklet."""
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.project import DEFAULT_LANG, direction, load_strings

PRINT_CSS = (Path(__file__).parent / "pdf" / "print.css").read_text("utf-8")


def inject_link(html: str, href: str, page, logger) -> str:
    """Leave pages as they are: the theme template already links to the PDF in the page's language."""
    return html


def pre_pdf_render(soup: BeautifulSoup, logger) -> BeautifulSoup:
    """Give the combined document its language and direction, the fonts, and a translated TOC title."""
    first = soup.select_one("article[lang]")
    lang = first["lang"] if first else DEFAULT_LANG
    soup.html["lang"] = lang
    soup.html["dir"] = direction(lang)
    strings = load_strings()
    toc_title = soup.select_one("#doc-toc h1")
    if toc_title:
        toc_title.string = strings["toc_title"].get(lang, strings["toc_title"][DEFAULT_LANG])
    for el in soup.select(".pdf-link, .md-source-file, script, .listen, .listen-word, .lang-links"):
        el.decompose()
    gather_answers(soup, lambda key: strings[key].get(lang, strings[key][DEFAULT_LANG]))
    style = soup.new_tag("style")
    style.string = PRINT_CSS.replace("PAGE_LABEL", strings["page"].get(lang, "")).replace("DIRECTION", soup.html["dir"])
    soup.head.append(style)
    return soup


def gather_answers(soup: BeautifulSoup, t) -> None:
    """Move every answer block ("??? success") to a last chapter, under its lesson and exercise, leaving a pointer."""
    answers = soup.select("article details.success")
    if not answers:
        return
    chapter = soup.new_tag("article", attrs={"class": "pdf-answers", "id": "svar"})
    heading = soup.new_tag("h1")
    heading.string = t("answers_title")
    chapter.append(heading)
    lesson_title = None
    for block in answers:
        lesson = block.find_previous("h1")
        if lesson is not None and lesson.get_text(strip=True) != lesson_title:
            lesson_title = lesson.get_text(strip=True)
            h2 = soup.new_tag("h2")
            h2.string = lesson_title
            chapter.append(h2)
        exercise = block.find_previous_sibling(class_="admonition")
        title = exercise.select_one(".admonition-title") if exercise else None
        if title is not None:
            h3 = soup.new_tag("h3")
            h3.string = title.get_text(strip=True)
            chapter.append(h3)
        pointer = soup.new_tag("p", attrs={"class": "answer-pointer"})
        pointer.string = t("answer_at_end")
        block.replace_with(pointer)
        summary = block.find("summary")
        if summary:
            summary.decompose()
        body = soup.new_tag("div", attrs={"class": "answer"})
        for child in list(block.children):
            body.append(child.extract())
        chapter.append(body)
    soup.body.append(chapter)

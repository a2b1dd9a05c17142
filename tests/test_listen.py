"""Lyssna (listen): read a page aloud and say the Swedish key words with the browser's own voices; the start page's
language links. In headless Chromium, with speechSynthesis and SpeechSynthesisUtterance replaced by a test double
that records what it is asked to say (text, lang, voice) and offers a chosen list of voices."""
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, lang_root

from scripts.benchmark import BUDGET_KB, page_assets, sent_gzip
from scripts.project import LANG_NAMES, direction, load_strings

pytestmark = pytest.mark.browser
STRINGS = load_strings()
LESSON = "lektioner/03-bostadskon/"
CORE = "docs/sv/assets/listen-core.js"
# One voice per language, as phones name them; Dari is read by the Persian voice.
VOICES = [{"name": "Alva", "lang": "sv-SE"}, {"name": "Samantha", "lang": "en-US"}, {"name": "Maged", "lang": "ar-SA"},
          {"name": "Dariush", "lang": "fa-IR"}, {"name": "Muuse", "lang": "so-SO"}, {"name": "Selam", "lang": "ti-ER"},
          {"name": "Lesya", "lang": "uk-UA"}]
VOICE_OF = {"sv": "Alva", "en": "Samantha", "ar": "Maged", "fa": "Dariush", "fa-AF": "Dariush", "so": "Muuse",
            "ti": "Selam", "uk": "Lesya"}
# What the reader must never hear, and what marks it in the built page.
LEFT_OUT = {"navigation": ".md-nav, .md-tabs", "header": ".md-header", "footer": ".md-footer",
            "translation notice": ".translation-notice", "printed QR block": ".qr-print", "PDF/offline link": ".pdf-link"}
# Mirrors listen-core.js: the blocks read, and the parts never read.
READ = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "figcaption", "summary", "tr"]
NEVER = (".listen, .listen-word, .listen-status, .lang-links, .translation-notice, .qr-print, .pdf-link, "
         ".md-content__button, .md-source-file, .headerlink, script, style, svg, button")

DOUBLE = """(config => {
  const calls = [], spoken = [];
  let voices = config.voices;
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  const fire = (utterance, type) => {
    utterance.dispatchEvent(new Event(type));
    if (utterance["on" + type]) utterance["on" + type](new Event(type));
  };
  class Synthesis extends EventTarget {
    constructor() { super(); this.speaking = false; this.paused = false; this.pending = false; this.queue = []; this.current = null; }
    getVoices() { return voices.map(v => ({default: false, localService: true, voiceURI: v.name, ...v})); }
    speak(u) { spoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null}); this.queue.push(u); this.next(); }
    next() {
      if (this.current || !this.queue.length) return;
      this.current = this.queue.shift(); this.speaking = true; fire(this.current, "start");
      if (config.mode === "auto") setTimeout(() => this.finish(), 0);
    }
    finish() { const u = this.current; this.current = null; this.speaking = this.queue.length > 0; if (u) fire(u, "end"); this.next(); }
    pause() { calls.push("pause"); this.paused = true; if (config.pauseStops) this.cancelQuietly(); }
    resume() { calls.push("resume"); this.paused = false; }
    cancel() { calls.push("cancel"); this.cancelQuietly(); }
    cancelQuietly() {
      const dropped = [this.current, ...this.queue].filter(Boolean);
      this.queue = []; this.current = null; this.speaking = false;
      dropped.forEach(u => fire(u, "error"));
    }
  }
  const synthesis = new Synthesis();
  if (config.none) { delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; return; }
  Object.defineProperty(window, "speechSynthesis", {value: synthesis, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
  window.__listen = {calls, spoken, synthesis,
    setVoices(list) { voices = list; synthesis.dispatchEvent(new Event("voiceschanged")); }};
})(CONFIG);"""


def page_url(server: str, lang: str, rel: str = LESSON) -> str:
    """Return the address of a page in a language."""
    return server + ("" if lang == "sv" else f"{lang}/") + rel


def built_page(lang: str, rel: str = LESSON) -> Path:
    """Return the built file of a page in a language."""
    return lang_root(lang) / rel / "index.html"


def text(tag) -> str:
    """Return an element's text as read aloud: soft hyphens dropped, spaces collapsed."""
    if tag.name == "tr":
        return ", ".join(t for t in (text(c) for c in tag.find_all(["td", "th"])) if t)
    return re.sub(r"\s+", " ", tag.get_text().replace("\u00ad", "")).strip()


def expected_reading(path: Path) -> list[str]:
    """Return the texts of a built page's article in reading order, each block once (as listen-core.js reads it)."""
    article = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
    for part in article.select(NEVER):
        part.decompose()
    taken, blocks = [], []
    for tag in article.find_all(READ):
        closed = next((d for d in tag.parents if d.name == "details" and not d.has_attr("open")), None)
        if closed and not (tag.name == "summary" and tag.parent is closed):
            continue  # hidden in a closed box: only its summary shows
        if taken and tag in taken[-1].descendants:
            continue
        taken.append(tag)
        if t := text(tag):
            blocks.append(t)
    return blocks


def left_out_texts(path: Path) -> dict[str, list[str]]:
    """Return, per part the reader must never hear, its longer texts that do not also occur in the article itself."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    article_blocks = " ".join(expected_reading(path))
    found = {}
    for what, selector in LEFT_OUT.items():
        parts = soup.select(selector)
        texts = {text(el) for el in parts} | {re.sub(r"\s+", " ", s).strip() for el in parts for s in el.find_all(string=True)}
        found[what] = sorted(t for t in texts if len(t) > 12 and t not in article_blocks)
    return found


def reading_problems(where: str, spoken: list[dict], expected: list[str], left_out: dict[str, list[str]],
                     lang: str, voice: str | None) -> list[str]:
    """Say what is wrong with what the reader heard: order, doubles, gaps, left-out parts, language tag or voice."""
    fix = f"Fix the reading order in {CORE} (READ and NEVER)."
    heard = " ".join(s["text"] for s in spoken)
    problems = []
    if heard != " ".join(expected):
        missing = [b for b in expected if b not in heard]
        doubled = [b for b in expected if len(b) > 20 and heard.count(b) > " ".join(expected).count(b)]
        problems.append(f"{where}: the reading is not the article's text in order, each block once "
                        f"(missing: {missing[:2]}, read twice: {doubled[:2]}). {fix}")
    for what, texts in left_out.items():
        problems += [f"{where}: the reading includes the {what}: {t[:60]!r}. {fix}" for t in texts if t in heard]
    for s in spoken:
        if s["lang"] != lang or s["voice"] != voice:
            problems.append(f"{where}: {s['text'][:40]!r} was queued with lang={s['lang']!r} voice={s['voice']!r}, "
                            f"expected lang={lang!r} voice={voice!r}. Fix voiceFor in {CORE}.")
            break
    return problems



def open_page(browser, url: str, voices=VOICES, mode: str = "auto", width: int = 360, **config):
    """Open a page at phone size with the speech test double; return (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 640})
    context.add_init_script(DOUBLE.replace("CONFIG", json.dumps({"voices": voices, "mode": mode, **config})))
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def spoken(page) -> list[dict]:
    """Return what the page asked the double to say so far."""
    return page.evaluate("window.__listen ? __listen.spoken : []")


def read_all(page) -> list[dict]:
    """Press Lyssna and wait until the whole page has been read (the double ends each utterance at once)."""
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length > 0 && document.querySelector('.listen').dataset.state === 'idle'",
                           timeout=20000)
    return spoken(page)


@pytest.mark.parametrize("lang", LANGS)
def test_listen_reads_the_lesson_in_its_language(site, server, browser, lang):
    """Lyssna is labelled in the page's language and queues the lesson's text in order, tagged and voiced in it."""
    context, page = open_page(browser, page_url(server, lang))
    play = page.locator(".listen-play")
    assert play.is_visible(), f"{lang}: the Lyssna button is not shown"
    assert play.inner_text().strip() == STRINGS["listen_label"][lang], f"{lang}: the button is not labelled in {lang}"
    assert page.get_by_role("button", name=STRINGS["listen_label"][lang], exact=True).count() == 1
    url = page.url
    heard = read_all(page)
    assert page.url == url, "pressing Lyssna navigated away"
    context.close()
    path = built_page(lang)
    problems = reading_problems(f"site/{path.relative_to(site)}", heard, expected_reading(path), left_out_texts(path),
                                lang, VOICE_OF[lang])
    assert heard and not problems, "\n".join(problems)
    assert all(len(s["text"]) <= 400 for s in heard), "an utterance is longer than a paragraph or so"
    assert heard[0]["text"] == text(BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article h1"))


def test_reading_check_catches_a_wrong_reading(site):
    """Read twice, a gap, a translation notice, the wrong language tag: the check names the page and says what to do."""
    path = built_page("fa")
    expected = expected_reading(path)
    notice = STRINGS["machine_translated"]["fa"]
    assert any(notice in t for t in left_out_texts(path)["translation notice"]), "the notice is not in the fa page"
    broken = [{"text": notice, "lang": "fa", "voice": "Dariush"}] + [
        {"text": t, "lang": "fa", "voice": "Dariush"} for t in expected[:3] + expected[2:5] + expected[6:]]
    broken[-1]["lang"] = "ar"
    problems = "\n".join(reading_problems("site/fa/x.html", broken, expected, left_out_texts(path), "fa", "Dariush"))
    assert "site/fa/x.html: the reading is not the article's text in order" in problems
    assert "read twice: [" in problems and "missing: ['" in problems
    assert "the reading includes the translation notice" in problems
    assert "lang='ar'" in problems and CORE in problems


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_pause_continue_and_stop(server, browser, lang):
    """Pause, continue and stop call the speech engine, change the button and highlight the block being read."""
    context, page = open_page(browser, page_url(server, lang), mode="manual")
    labels = {k: STRINGS[f"listen_{k}"][lang] for k in ("label", "pause", "continue", "stop")}
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length === 1")
    assert page.eval_on_selector(".listen-now", "e => e.tagName") == "H1", "the heading being read is not highlighted"
    assert page.eval_on_selector(".listen-now", "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.inner_text(".listen-play").strip() == labels["pause"]
    assert page.inner_text(".listen-stop").strip() == labels["stop"]
    page.evaluate("__listen.synthesis.finish()")  # the heading has been said: the next block is read and marked
    page.wait_for_function("__listen.spoken.length === 2")
    second = page.eval_on_selector(".listen-now", "e => e.textContent")
    assert second.strip() and page.locator(".listen-now").count() == 1
    page.click(".listen-play")
    assert page.evaluate("__listen.calls").count("pause") == 1 and page.inner_text(".listen-play").strip() == labels["continue"]
    assert page.get_attribute(".listen", "data-state") == "paused"
    page.click(".listen-play")
    assert page.evaluate("__listen.calls").count("resume") == 1 and page.inner_text(".listen-play").strip() == labels["pause"]
    assert len(spoken(page)) == 2, "continuing must not start the piece again where the engine kept it"
    page.keyboard.press("Tab")  # from the pause button to the stop button, by keyboard
    assert page.evaluate("document.activeElement.classList.contains('listen-stop')")
    page.keyboard.press("Enter")
    assert "cancel" in page.evaluate("__listen.calls")
    assert page.get_attribute(".listen", "data-state") == "idle" and page.locator(".listen-stop").count() == 0
    assert page.inner_text(".listen-play").strip() == labels["label"] and page.locator(".listen-now").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('listen-play')"), "focus lost when stop went away"
    context.close()


def test_continue_says_the_piece_again_where_pausing_stopped_the_speech(server, browser):
    """Some phones stop instead of pausing: continuing then says the current piece again."""
    context, page = open_page(browser, page_url(server, "so"), mode="manual", pauseStops=True)
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length === 1")
    page.click(".listen-play")
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length === 2")
    first, again = spoken(page)
    assert again == first
    context.close()


@pytest.mark.parametrize("lang,voices", [
    ("fa", [{"name": "Maged", "lang": "ar-SA"}]),
    ("fa-AF", [{"name": "Maged", "lang": "ar-SA"}, {"name": "Tarik", "lang": "ur-PK"}]),
    ("ti", [{"name": "Mekdes", "lang": "am-ET"}]),
    ("so", [{"name": "Muuse Online", "lang": "so-SO", "localService": False}]),
    ("uk", [{"name": "Milena", "lang": "ru-RU"}]),
    ("sv", []),
])
def test_no_voice_for_the_language_says_so_and_reads_nothing(server, browser, lang, voices):
    """Without a voice on the device for the page's language (a server voice does not count), nothing is queued."""
    context, page = open_page(browser, page_url(server, lang), voices=voices)
    page.click(".listen-play")
    status = page.locator(".listen-status[role=status]")
    status.wait_for(timeout=12000)  # with no voices at all, listen-core.js waits 8 s for late ones
    page.wait_for_function("document.querySelector('.listen-status').textContent.length > 0")
    assert status.inner_text().strip() == STRINGS["listen_no_voice"][lang]
    assert spoken(page) == [] and page.get_attribute(".listen", "data-state") == "idle"
    context.close()


@pytest.mark.parametrize("lang,voice", [("fa-AF", {"name": "Dari", "lang": "fa-AF"}), ("fa-AF", {"name": "Farsi", "lang": "fa"}),
                                        ("fa-AF", {"name": "Prs", "lang": "prs-AF"}), ("ti", {"name": "Eritrea", "lang": "ti_ER"}),
                                        ("so", {"name": "Soomaali", "lang": "so"}), ("uk", {"name": "Ukraina", "lang": "uk-UA"})])
def test_voices_that_count_for_a_language(server, browser, lang, voice):
    """Dari takes a Dari or Persian voice; other languages their own code with any region, written either way."""
    others = [v for v in VOICES if v["lang"][:2] not in (voice["lang"][:2], "fa")]
    context, page = open_page(browser, page_url(server, lang), voices=others + [voice], mode="manual")
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length === 1")
    assert spoken(page)[0]["voice"] == voice["name"] and spoken(page)[0]["lang"] == lang
    context.close()


def test_voices_that_arrive_late_are_used(server, browser):
    """Phones that list their voices late (voiceschanged) are waited for."""
    context, page = open_page(browser, page_url(server, "uk"), voices=[], mode="manual")
    page.click(".listen-play")
    page.wait_for_timeout(300)
    assert spoken(page) == []
    page.evaluate(f"__listen.setVoices({json.dumps(VOICES)})")
    page.wait_for_function("__listen.spoken.length === 1")
    assert spoken(page)[0]["voice"] == "Lesya"
    context.close()


def word_button_problems(where: str, soup: BeautifulSoup, lang: str, glossary: bool) -> list[str]:
    """Say which key words of a built page lack a button saying their Swedish word, named in the page's language."""
    fix = "Fix word_buttons in hooks/listen.py."
    terms = soup.select("article dl > dt") if glossary else soup.select("#ord + dl > dt")
    if len(terms) < 5:
        return [f"{where}: only {len(terms)} key words found. {fix}"]
    problems = []
    for dt in terms:
        term = text(dt)
        word = term if lang == "sv" else (re.findall(r"\(([^()]+)\)$", term) or [None])[-1]
        button = dt.select_one("button.listen-word")
        expected = (word, STRINGS["listen_word"][lang].replace("{word}", word or ""))
        if not button or (button.get("value"), button.get("aria-label")) != expected:
            problems.append(f"{where}:{dt.sourceline}: {term!r} has no button saying {word!r} named {expected[1]!r}. {fix}")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_each_key_word_can_be_heard_in_swedish(site, server, browser, lang):
    """Each "Ord att kunna" term and each glossary term has a button named in the page's language saying its Swedish word."""
    problems = []
    for rel in (LESSON, "ordlista/"):
        path = built_page(lang, rel)
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        problems += word_button_problems(f"site/{path.relative_to(site)}", soup, lang, rel != LESSON)
    assert not problems, "\n".join(problems[:10])
    context, page = open_page(browser, page_url(server, lang))
    buttons = page.locator("#ord + dl .listen-word")
    word = buttons.first.get_attribute("value")
    assert buttons.first.is_visible()
    page.get_by_role("button", name=STRINGS["listen_word"][lang].replace("{word}", word), exact=True).click()
    page.wait_for_function("__listen.spoken.length === 1")
    assert spoken(page) == [{"text": word, "lang": "sv-SE", "voice": "Alva"}]
    context.close()


def test_word_button_check_catches_a_wrong_button():
    """A missing button, a button saying the translation and one named in another language are each reported."""
    label = STRINGS["listen_word"]["uk"]
    soup = BeautifulSoup(
        '<article><h2 id="ord">x</h2><dl>'
        f'<dt>черга (bostadskö) <button class="listen-word" value="bostadskö" aria-label="{label.replace("{word}", "bostadskö")}"></button></dt>'
        '<dt>час (kötid)</dt>'
        f'<dt>плата (köavgift) <button class="listen-word" value="плата" aria-label="{label.replace("{word}", "плата")}"></button></dt>'
        '<dt>рахунок (avi) <button class="listen-word" value="avi" aria-label="Hear the Swedish word: avi"></button></dt>'
        f'<dt>номер (OCR-nummer) <button class="listen-word" value="OCR-nummer" aria-label="{label.replace("{word}", "OCR-nummer")}"></button></dt>'
        '</dl></article>', "html.parser")
    problems = word_button_problems("site/uk/x.html", soup, "uk", glossary=False)
    assert len(problems) == 3, problems
    for problem, (term, word) in zip(problems, [("час (kötid)", "kötid"), ("плата (köavgift)", "köavgift"), ("рахунок (avi)", "avi")]):
        assert f"{term!r} has no button saying {word!r} named {label.replace('{word}', word)!r}" in problem
    assert all(p.startswith("site/uk/x.html:1: ") and p.endswith("hooks/listen.py.") for p in problems)


def test_translated_words_in_brackets_are_told_apart(site):
    """In translations the button says only the Swedish word in the last brackets ("rum och kök"), not the translation."""
    soup = BeautifulSoup(built_page("ar", "lektioner/04-hitta-och-anmal/").read_text("utf-8"), "html.parser")
    assert "rum och kök" in [b["value"] for b in soup.select(".listen-word")]


def test_no_swedish_voice_is_said_once_in_the_page_language(server, browser):
    """Without a Swedish voice, a word button says so in the page's language, with one message on the page."""
    voices = [v for v in VOICES if not v["lang"].startswith("sv")]
    context, page = open_page(browser, page_url(server, "ti", "ordlista/"), voices=voices)
    buttons = page.locator(".listen-word")
    buttons.nth(0).click()
    page.wait_for_function("(document.querySelector('.listen-status') || {}).textContent")
    buttons.nth(3).click()
    page.wait_for_timeout(300)
    assert page.locator(".listen-status").count() == 1
    assert page.inner_text(".listen-status").strip() == STRINGS["listen_no_swedish_voice"]["ti"]
    assert spoken(page) == []
    context.close()


def test_without_speech_synthesis_nothing_is_shown(server, browser):
    """Where the browser cannot speak, neither Lyssna nor the word buttons appear."""
    context, page = open_page(browser, page_url(server, "ar"), none=True)
    assert not page.evaluate("'speechSynthesis' in window")
    assert not page.locator(".listen").is_visible() and not page.locator(".listen-word").first.is_visible()
    context.close()


def test_nothing_loads_or_speaks_before_a_press(server, browser):
    """The page loads only the small listen.js; the rest comes on the first press, and nothing starts by itself."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    context.add_init_script(DOUBLE.replace("CONFIG", json.dumps({"voices": VOICES, "mode": "auto"})))
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto(page_url(server, "en"), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert "listen.js" in requested and "listen-core.js" not in requested and "listen-strings.js" not in requested
    assert spoken(page) == []
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length > 0")
    assert "listen-core.js" in requested and "listen-strings.js" in requested
    context.close()


def test_leader_guide_has_no_listen_button(site):
    """The leader guide is not read aloud."""
    for path in (site / "ledare").rglob("index.html"):
        assert 'class="listen"' not in path.read_text("utf-8"), f"{path}: the leader guide has a Lyssna button"
    participant = [p for p in (site / "en").rglob("index.html") if "ledare" not in p.parts]
    missing = [str(p) for p in participant if 'class="listen"' not in p.read_text("utf-8")]
    assert not missing, f"participant pages without Lyssna: {missing[:3]}"


@pytest.mark.parametrize("lang", LANGS)
def test_controls_are_big_enough_and_on_the_reading_side(server, browser, lang):
    """At 360 px every listen control is at least 44×44 px; right-to-left pages put Lyssna on the right."""
    context, page = open_page(browser, page_url(server, lang), mode="manual")
    page.click(".listen-play")
    page.wait_for_function("__listen.spoken.length === 1")
    sizes = page.evaluate("""[...document.querySelectorAll('.listen button, .listen-word')].map(b => {
        const r = b.getBoundingClientRect(); return [b.className, Math.round(r.width), Math.round(r.height)]; })""")
    small = [s for s in sizes if s[1] < 44 or s[2] < 44]
    assert len(sizes) >= 4 and not small, f"{lang}: controls smaller than 44×44 px: {small}"
    edges = page.evaluate("""(() => { const a = document.querySelector('article').getBoundingClientRect(),
        b = document.querySelector('.listen-play').getBoundingClientRect();
        return {left: b.left - a.left, right: a.right - b.right}; })()""")
    side = "right" if direction(lang) == "rtl" else "left"
    assert edges[side] < 20, f"{lang}: Lyssna is not on the {side} side: {edges}"
    context.close()


def test_listen_controls_are_left_out_of_print(server, browser):
    """Printed, a page shows neither the listen controls nor the language links."""
    for rel in (LESSON, ""):
        context, page = open_page(browser, page_url(server, "fa", rel))
        page.emulate_media(media="print")
        visible = page.evaluate("[...document.querySelectorAll('.listen, .listen-word, .lang-links')].filter(e => e.offsetParent).length")
        assert visible == 0
        context.close()


def test_listen_controls_are_left_out_of_the_pdf(site):
    """The participant booklet has no Lyssna label, no language links and no word buttons."""
    from pdf_event_hook import pre_pdf_render

    soup = BeautifulSoup(built_page("sv", "").read_text("utf-8"), "html.parser")
    soup.body.append(BeautifulSoup('<div id="doc-toc"><h1>x</h1></div>', "html.parser"))
    html = str(pre_pdf_render(soup, None))
    assert 'class="listen' not in html and "lang-links" not in html
    booklet = site / "pdf" / "deltagarhafte.pdf"
    if not booklet.exists():
        pytest.skip("no PDFs in this build (make site makes them)")
    words = subprocess.run(["pdftotext", str(booklet), "-"], capture_output=True, text=True, check=True).stdout
    assert "Lyssna" not in words and "Українська" not in words and "🔊" not in words


def language_link_problems(where: str, soup: BeautifulSoup, lang: str) -> list[str]:
    """Say what is wrong with a start page's language links: names, order, lang/hreflang/dir, the current one."""
    fix = "Fix start_page_links in hooks/listen.py or the lang-links block of overrides/main.html."
    nav = soup.select_one("article nav.lang-links")
    if not nav or nav.get("aria-label") != STRINGS["listen_languages"][lang]:
        return [f"{where}: no language links labelled {STRINGS['listen_languages'][lang]!r}. {fix}"]
    links = nav.select("a")
    problems = []
    if [a.get_text(strip=True) for a in links] != [LANG_NAMES[code] for code in LANGS]:
        problems.append(f"{where}:{nav.sourceline}: the links are not the eight languages by their own names. {fix}")
    for a, target in zip(links, LANGS):
        attributes = (a.get("lang"), a.get("hreflang"), a.get("dir"))
        if attributes != (target, target, direction(target)):
            problems.append(f"{where}:{a.sourceline}: {LANG_NAMES[target]} has lang/hreflang/dir {attributes}. {fix}")
        if (a.get("aria-current") == "page") != (target == lang):
            problems.append(f"{where}:{a.sourceline}: {LANG_NAMES[target]} is {'not ' if target == lang else ''}"
                            f"marked aria-current. {fix}")
    return problems


def test_language_link_check_catches_wrong_links():
    """A Dari link written left to right and the wrong language marked as current are reported."""
    soup = BeautifulSoup(built_page("fa", "").read_text("utf-8"), "html.parser")
    soup.select_one(".lang-links a[lang=fa-AF]")["dir"] = "ltr"
    del soup.select_one(".lang-links a[lang=fa]")["aria-current"]
    soup.select_one(".lang-links a[lang=en]")["aria-current"] = "page"
    problems = "\n".join(language_link_problems("site/fa/index.html", soup, "fa"))
    assert "دری has lang/hreflang/dir ('fa-AF', 'fa-AF', 'ltr')" in problems
    assert "فارسی is not marked aria-current" in problems and "English is marked aria-current" in problems
    assert problems.count("site/fa/index.html:") == 3 and "hooks/listen.py" in problems


@pytest.mark.parametrize("lang", LANGS)
def test_start_page_shows_every_language_by_its_own_name(site, server, browser, lang):
    """Each start page lists the eight languages, by their own names, as links to their start pages; its own is marked."""
    path = built_page(lang, "")
    problems = language_link_problems(f"site/{path.relative_to(site)}", BeautifulSoup(path.read_text("utf-8"), "html.parser"), lang)
    assert not problems, "\n".join(problems)
    context, page = open_page(browser, page_url(server, lang, ""))
    hrefs = page.eval_on_selector_all(".lang-links a", "links => links.map(a => a.href)")
    assert hrefs == [page_url(server, target, "") for target in LANGS]
    other = LANGS[(LANGS.index(lang) + 3) % len(LANGS)]
    with page.expect_navigation():
        page.click(f".lang-links a[hreflang='{other}']")
    assert page.url == page_url(server, other, "") and page.get_attribute("html", "lang") == other
    context.close()


def test_listen_and_language_links_work_in_the_offline_copy(site, browser, tmp_path):
    """From the file system (the offline copy), Lyssna and the word buttons work; language links leave for the web."""
    archive = site / "offline" / "vagen-fa.zip"
    if not archive.exists():
        pytest.skip("no offline copies in this build (make site makes them)")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    top = tmp_path / "vagen" / "fa"
    context, page = open_page(browser, (top / "lektioner" / "03-bostadskon.html").as_uri())
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    heard = read_all(page)
    assert heard and heard[0]["lang"] == "fa" and heard[0]["voice"] == "Dariush"
    page.locator(".listen-word").first.click()
    page.wait_for_function(f"__listen.spoken.length === {len(heard) + 1}")
    assert spoken(page)[-1]["lang"] == "sv-SE" and not errors
    page.goto((top / "index.html").as_uri())
    hrefs = page.eval_on_selector_all(".lang-links a", "links => links.map(a => a.href)")
    assert hrefs[LANGS.index("fa")] == (top / "index.html").as_uri()
    assert all(h.startswith("https://") for i, h in enumerate(hrefs) if LANGS[i] != "fa"), hrefs
    context.close()


def test_first_visit_stays_within_the_budget(site):
    """A first visit to any lesson of any language, with its figures, the listen button and the loaders, stays
    within the page-weight budget (gzip bytes as nginx sends them)."""
    over = []
    for lang in LANGS:
        for page in sorted(((site if lang == "sv" else site / lang) / "lektioner").glob("*/index.html")):
            assets = page_assets(site, page)
            total = sum(sent_gzip(f) for kind in ("html", "css", "js", "fonts") for f in assets[kind])
            if total > BUDGET_KB * 1024:
                over.append(f"{page.relative_to(site)}: {total / 1024:.1f} KB")
    assert len(list((site / "lektioner").glob("*/index.html"))) == 10, "the Swedish lessons are not built"
    assert not over, f"lessons over {BUDGET_KB} KB gzip on a first visit: {over}. Make the first-visit part smaller."


def test_listen_texts_are_written_for_every_language(site):
    """assets/listen-strings.js holds every listen_ text of data/strings.yml in every language."""
    script = (site / "assets" / "listen-strings.js").read_text("utf-8")
    texts = json.loads(re.search(r"self\.vagenListenStrings = (\{.*\});", script).group(1))
    for key, value in STRINGS.items():
        if key.startswith("listen_"):
            for lang in LANGS:
                assert texts[lang][key.removeprefix("listen_")] == value[lang], (key, lang)

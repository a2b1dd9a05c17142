/* Lyssna (listen): reads a participant page aloud with the browser's own speech synthesis, and says the Swedish key
   words. listen.js loads this file on the reader's first press (and notes the button in self.vagenListenFirst);
   this file loads its texts, listen-strings.js, which hooks/listen.py writes from data/strings.yml.
   See README.md, "Lyssna".

   - Reads the article's text in order (headings, paragraphs, list items, key words, boxes, table rows, figure
     captions), one block at a time, long blocks in pieces of a few sentences (long utterances stop on some phones);
     never the menus, header, footer, translation notices, printed QR code, download links or these buttons, and
     never what a closed box (<details>) hides.
   - Uses only a voice on the device (localService) for the language of the text: the reader's own language (Dari may
     use a Persian voice), Swedish for the key words. Without one it says so and reads nothing: Persian read by an
     Arabic voice is worse than nothing. A voice that sends the text to a server is never used.
   - The block being read is highlighted and scrolled into view. Pause, continue and stop; nothing starts by itself. */
(() => {
  const synth = speechSynthesis;
  const box = document.querySelector(".listen");
  const play = box && box.querySelector(".listen-play");
  const pageLang = document.documentElement.lang;
  const READ = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,figcaption,summary,tr";
  const NEVER = ".listen,.listen-word,.listen-status,.lang-links,.translation-notice,.qr-print,.pdf-link," +
    ".md-content__button,.md-source-file,.headerlink,script,style,svg,button";
  const VOICE_LANGS = {sv: ["sv-se", "sv"], "fa-AF": ["fa-af", "fa", "prs"]};  // first choice first
  const PIECE = 220;  // characters: about a paragraph
  let texts, label, stopButton, status, starting = false, state = "idle", chunks = [], at = 0, current = null, voices = {};

  /** Return the accepted voice tags of a language, lower case, best first. */
  function accepted(lang) {
    return VOICE_LANGS[lang] || [lang.toLowerCase()];
  }

  /** Return the best voice on the device for a language, or undefined: an exact tag first, then the same language. */
  function voiceFor(lang) {
    const wanted = accepted(lang);
    const local = synth.getVoices().filter(voice => voice.localService !== false);
    const tag = voice => (voice.lang || "").toLowerCase().replace("_", "-");
    for (const code of wanted) {
      const exact = local.find(voice => tag(voice) === code);
      if (exact) return exact;
    }
    for (const code of wanted) {
      const same = local.find(voice => tag(voice).split("-")[0] === code.split("-")[0]);
      if (same) return same;
    }
  }

  /** Wait until the device has listed its voices: some list them late (voiceschanged), at most 8 s (seen: 4–7 s). */
  function voicesListed() {
    return new Promise(done => {
      if (synth.getVoices().length) return done();
      const finish = () => { clearTimeout(timer); synth.removeEventListener("voiceschanged", finish); done(); };
      const timer = setTimeout(finish, 8000);
      synth.addEventListener("voiceschanged", finish);
    });
  }

  /** Return the text of an element as it is read: without buttons, icons and soft hyphens, spaces collapsed. */
  function textOf(element) {
    if (element.tagName === "TR") return [...element.cells].map(textOf).filter(Boolean).join(", ");
    const copy = element.cloneNode(true);
    copy.querySelectorAll(NEVER).forEach(part => part.remove());
    return copy.textContent.replace(/\u00ad/g, "").replace(/\s+/g, " ").trim();
  }

  /** Tell whether an element is hidden in a closed <details> box (its summary is shown, so it is read). */
  function inClosedBox(element) {
    const closed = element.closest("details:not([open])");
    return Boolean(closed) && !(element.tagName === "SUMMARY" && element.parentElement === closed);
  }

  /** Return the blocks to read, in reading order: each block once, never inside another block or a left-out part. */
  function blocks() {
    const found = [];
    for (const element of box.closest("article").querySelectorAll(READ)) {
      if (element.closest(NEVER) || inClosedBox(element)) continue;
      if (found.length && found[found.length - 1].contains(element)) continue;  // read with its block already
      found.push(element);
    }
    return found;
  }

  /** Split a long text into pieces of whole sentences, each about a paragraph long. */
  function pieces(text) {
    if (text.length <= PIECE) return [text];
    const out = [];
    let piece = "";
    for (const sentence of text.match(/[^.!?።؟]+(?:[.!?።؟]+|$)\s*/g) || [text]) {
      if (piece && (piece + sentence).length > PIECE) out.push(piece.trim()), piece = "";
      piece += sentence;
    }
    if (piece.trim()) out.push(piece.trim());
    return out;
  }

  /** Show a message (in the page's language) after the control or a word button, in a live region (one per page). */
  function say(message, near) {
    if (!status) {
      status = document.createElement("span");
      status.className = "listen-status";
      status.setAttribute("role", "status");
    }
    if (status.previousElementSibling !== near) near.after(status);
    status.textContent = "";
    setTimeout(() => { status.textContent = message; }, 100);  // a change screen readers notice
  }

  /** Mark the block being read, and scroll it into view. */
  function highlight(element) {
    document.querySelectorAll(".listen-now").forEach(old => old.classList.remove("listen-now"));
    if (!element) return;
    element.classList.add("listen-now");
    const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({block: "center", behavior: calm ? "auto" : "smooth"});
  }

  /** Show the control's state: what the main button does next, and the stop button while reading. */
  function show(next) {
    state = next;
    play.textContent = {idle: label, playing: texts.pause, paused: texts.continue}[state];
    box.dataset.state = state;
    if (state === "idle") stopButton.remove();
    else if (!stopButton.isConnected) play.after(stopButton);
  }

  /** Speak the current piece; when it ends, go on with the next, and at the end stop. */
  function speakCurrent() {
    if (at >= chunks.length) return stop();
    const chunk = chunks[at];
    const utterance = new SpeechSynthesisUtterance(chunk.text);
    utterance.lang = chunk.lang;
    utterance.voice = voices[chunk.lang];
    utterance.onend = utterance.onerror = () => {
      if (current !== utterance || state !== "playing") return;  // stopped, paused, or an old piece
      at += 1;
      speakCurrent();
    };
    current = utterance;
    highlight(chunk.el);
    synth.speak(utterance);
  }

  /** Read the page from the top, if the device has a voice for every language on it. */
  async function start() {
    if (starting) return;  // still waiting for the voices after an earlier press
    starting = true;
    await voicesListed();
    starting = false;
    chunks = [];
    for (const el of blocks()) {
      const lang = el.closest("[lang]").lang;
      for (const text of pieces(textOf(el))) if (text) chunks.push({el, lang, text});
    }
    voices = {};
    for (const lang of new Set(chunks.map(chunk => chunk.lang))) {
      voices[lang] = voiceFor(lang);
      if (!voices[lang]) return say(lang === "sv" && pageLang !== "sv" ? texts.no_swedish_voice : texts.no_voice, box);
    }
    if (status) status.textContent = "";
    synth.cancel();
    at = 0;
    show("playing");
    speakCurrent();
  }

  /** Pause reading. */
  function pause() {
    show("paused");
    synth.pause();
  }

  /** Continue reading; where pausing stopped the speech (some phones), say the current piece again. */
  function resume() {
    show("playing");
    synth.resume();
    if (!synth.speaking) speakCurrent();
  }

  /** Stop reading and forget the place. */
  function stop() {
    const hadFocus = document.activeElement === stopButton;
    current = null;
    if (state !== "idle") synth.cancel();
    if (synth.paused) synth.resume();  // Chrome stays paused after cancel, and would not say the next thing
    highlight(null);
    show("idle");
    if (hadFocus) play.focus();
  }

  /** Say one Swedish key word with a Swedish voice (it ends any reading first). */
  async function sayWord(button) {
    await voicesListed();
    const voice = voiceFor("sv");
    if (!voice) return say(texts.no_swedish_voice, button);
    if (state !== "idle") stop();
    else synth.cancel();  // a word still being said
    const utterance = new SpeechSynthesisUtterance(button.value);
    utterance.lang = "sv-SE";
    utterance.voice = voice;
    synth.speak(utterance);
  }

  /** Handle a press on any listen button. */
  function press(button) {
    if (button.classList.contains("listen-word")) return sayWord(button);
    if (!box) return;
    if (button === stopButton) return stop();
    if (state === "playing") return pause();
    if (state === "paused") return resume();
    return start();
  }

  /** Set up the control once the texts are loaded, then handle the press that loaded this file. */
  function ready() {
    texts = self.vagenListenStrings[pageLang] || self.vagenListenStrings.sv;
    if (box) {
      label = play.textContent;
      stopButton = document.createElement("button");
      stopButton.type = "button";
      stopButton.className = "md-button listen-stop";
      stopButton.textContent = texts.stop;
      show("idle");
    }
    addEventListener("pagehide", () => synth.cancel());
    document.addEventListener("click", event => {
      const button = event.target.closest(".listen button,.listen-word");
      if (button) press(button);
    });
    self.vagenListen = press;  // from now on listen.js leaves the presses to this file
    if (self.vagenListenFirst) press(self.vagenListenFirst);
  }

  const strings = document.createElement("script");
  strings.src = document.currentScript.src.replace("listen-core.js", "listen-strings.js");
  strings.onload = ready;
  document.head.append(strings);
})();

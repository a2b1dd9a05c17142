// "Save on this phone" (hooks/save_on_phone.py explains the whole feature). Loaded by save.js when the reader presses
// the button, or on a page the saved copy answers (to show the date it was saved, and to take a newer version).
// The pages, styles, scripts and icons of the page's language are stored in Cache Storage; sw.js answers from there.
const root = new URL("../", import.meta.url).href;
const lang = document.documentElement.lang;
const langRoot = lang === "sv" ? root : root + lang + "/";
const listUrl = langRoot + "offline-files.json";
const savedUrl = langRoot + "offline-saved.json"; // not a file of the site: when and which version was saved
const cacheName = "vagen:" + root + "|" + langRoot.slice(root.length);
const digits = new Intl.NumberFormat(lang + (lang.startsWith("fa") ? "-u-nu-arabext" : "-u-nu-latn"), {maximumFractionDigits: 1});
let strings = {};
let status;

export function start(button, pressed) {
  /** Show what is saved and take a newer version; on the press, open the dialog. */
  if (!status) {
    const css = Object.assign(document.createElement("link"), {rel: "stylesheet", href: new URL("save.css", import.meta.url)});
    document.head.append(css);
    status = Object.assign(document.createElement("p"), {className: "save-status"});
    status.setAttribute("role", "status");
    button.after(status);
  }
  return pressed ? openDialog(button) : showSaved();
}

function say(key, values = {}) {
  /** Return a string in the page's language with its {placeholders} filled, numbers in the page's digits. */
  return (strings[key] || "").replace(/\{(\w+)\}/g, (_, name) => values[name]);
}

function size(bytes) {
  /** Return a size as the reader reads it: "640 KB", "1,2 MB". */
  return bytes < 1024 * 1024 ? digits.format(Math.ceil(bytes / 1024)) + " KB" : digits.format(bytes / 1024 / 1024) + " MB";
}

function day(iso) {
  /** Return a date as the site writes it, year-month-day, in the page's digits. */
  return iso.slice(0, 10).replace(/\d/g, (d) => digits.format(Number(d)));
}

async function read(cache, url) {
  /** Return a saved JSON file, or null. */
  const answer = await cache.match(url, {ignoreVary: true});
  return answer ? answer.json() : null;
}

function note(text, action) {
  /** Show a short notice under the button, with a button to act on it if given. */
  status.textContent = text;
  if (action) {
    const act = Object.assign(document.createElement("button"), {type: "button", className: "save-act", textContent: action.label});
    act.addEventListener("click", action.run);
    status.append(" ", act);
  }
}

function installable() {
  /** Link this language's web app manifest (and the icon Safari puts on the home screen): only once saved. */
  if (document.querySelector('link[rel="manifest"]')) return;
  const link = (rel, href) => document.head.append(Object.assign(document.createElement("link"), {rel, href}));
  link("manifest", langRoot + "manifest.webmanifest");
  link("apple-touch-icon", root + "assets/images/icon-192.png");
}

async function showSaved() {
  /** On a page answered by the saved copy: say when it was saved, and take a newer version when online. */
  if (!(await caches.has(cacheName))) return;
  const cache = await caches.open(cacheName);
  const saved = await read(cache, savedUrl);
  const list = await read(cache, listUrl);
  if (!saved || !list) return;
  strings = list.strings;
  note(say("saved_on", {date: day(saved.date)}));
  installable();
  if (navigator.onLine) await update(saved);
}

async function update(saved) {
  /** Fetch the list of files (a cheap "304 Not Modified" when unchanged); save again what changed in a new version. */
  let list;
  try {
    const answer = await fetch(listUrl, {cache: "no-cache"});
    if (!answer.ok) return;
    list = await answer.json();
  } catch (error) {
    return; // offline after all
  }
  if (list.version === saved.version) return;
  strings = list.strings;
  note(say("update"));
  try {
    await save(list, saved.pdf, () => {});
    note(say("updated"), {label: say("reload"), run: () => location.reload()});
  } catch (error) {
    note(say("failed"));
  }
}

function filesOf(list, withPdf) {
  /** Return the [path, size, download size, hash] of every file to save. */
  return list.files.concat(withPdf && list.pdf ? [list.pdf] : []);
}

async function save(list, withPdf, progress) {
  /** Register the service worker and store every file not saved yet or changed; drop the files no longer listed. */
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  await navigator.serviceWorker.register(root + "sw.js", {scope: root});
  const cache = await caches.open(cacheName);
  const before = await read(cache, listUrl);
  const known = new Map(before ? filesOf(before, true).map((f) => [f[0], f[3]]) : []);
  const wanted = filesOf(list, withPdf);
  const todo = [];
  for (const f of wanted) if (known.get(f[0]) !== f[3] || !(await cache.match(root + f[0], {ignoreVary: true}))) todo.push(f);
  let done = 0;
  progress(done, todo.length);
  const queue = todo.slice();
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const answer = await fetch(root + f[0], {cache: "no-cache"}); // sw.js lets this through to the network
      if (!answer.ok) throw new Error(`${f[0]}: ${answer.status}`);
      await cache.put(root + f[0], answer);
      progress(++done, todo.length);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  const keep = new Set(wanted.map((f) => root + f[0]).concat([listUrl, savedUrl]));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
  const json = (data) => new Response(JSON.stringify(data), {headers: {"Content-Type": "application/json"}});
  const saved = {version: list.version, date: new Date().toISOString(), pdf: withPdf};
  await cache.put(listUrl, json(list));
  await cache.put(savedUrl, json(saved));
  await navigator.serviceWorker.ready;
  installable();
  return saved;
}

async function remove() {
  /** Delete this language's saved copy; the service worker stays only while another language is saved. */
  await caches.delete(cacheName);
  const others = (await caches.keys()).filter((name) => name.startsWith("vagen:" + root));
  if (!others.length) {
    const registration = await navigator.serviceWorker.getRegistration(root);
    if (registration) await registration.unregister();
  }
}

function element(tag, props = {}, ...children) {
  /** Return a new element with properties and children. */
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

async function openDialog(button) {
  /** Show what saving costs, with the booklet as a choice, and save when the reader says so. */
  if (document.querySelector("dialog.save-dialog")) return; // pressed twice
  let list, saved = null;
  try {
    const answer = await fetch(listUrl, {cache: "no-cache"});
    list = await answer.json();
    if (await caches.has(cacheName)) saved = await read(await caches.open(cacheName), savedUrl);
  } catch (error) {
    return note(strings.failed || button.textContent + ": ✕");
  }
  strings = list.strings;
  const title = element("h2", {id: "save-title", textContent: say("button")});
  const pdf = element("input", {type: "checkbox", checked: Boolean(saved && saved.pdf)});
  const progress = element("p", {className: "save-progress"});
  progress.setAttribute("role", "status");
  const go = element("button", {type: "button", className: "save-main", textContent: say("start")});
  const close = element("button", {type: "button", textContent: say("cancel")});
  const actions = element("p", {className: "save-actions"}, go, close);
  const dialog = element("dialog", {className: "save-dialog md-typeset"},
    title,
    element("p", {textContent: say("intro", {pages: digits.format(list.pages)})}),
    element("p", {textContent: say("size", {size: size(list.download)})}),
    list.pdf ? element("label", {}, pdf, " ", say("pdf", {size: size(list.pdf[2])})) : "",
    element("p", {className: "save-where", textContent: say("where")}),
    saved ? element("p", {textContent: say("saved_on", {date: day(saved.date)})}) : "",
    progress, actions);
  dialog.setAttribute("aria-labelledby", title.id);
  dialog.setAttribute("dir", document.documentElement.dir);
  if (saved) {
    const drop = element("button", {type: "button", textContent: say("remove")});
    drop.addEventListener("click", async () => {
      await remove();
      progress.textContent = say("removed");
      status.textContent = "";
      drop.remove();
    });
    actions.append(drop);
  }
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { dialog.remove(); button.focus(); });
  go.addEventListener("click", async () => {
    go.disabled = true;
    try {
      const result = await save(list, pdf.checked, (done, total) => {
        progress.textContent = say("progress", {done: digits.format(done), total: digits.format(total)});
      });
      progress.textContent = say("done");
      note(say("saved_on", {date: day(result.date)}));
    } catch (error) {
      progress.textContent = say(error.name === "SecurityError" ? "unsupported" : "failed"); // e.g. a private window
    }
    go.disabled = false;
  });
  document.body.append(dialog);
  dialog.showModal();
}

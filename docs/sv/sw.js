// "Save on this phone": the service worker. assets/save-app.js registers it only when the reader presses the button
// (hooks/save_on_phone.py explains the feature). It lives at the site root, so its scope is the whole site, under any
// sub-path. It answers from the languages the reader saved (one cache each, "vagen:<root>|<language folder>"), goes to
// the network for the rest, and shows the saved "no connection" page instead of the browser's error for a page that
// is not saved. Requests made with {cache: "no-cache"} (saving, and checking for a newer version) and the list of
// files go to the network first.
const ROOT = new URL("./", self.location.href).href;
const PREFIX = "vagen:" + ROOT + "|";
const MATCH = {ignoreSearch: true, ignoreVary: true};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "GET" && request.url.startsWith(ROOT)) event.respondWith(answer(request));
});

function address(request) {
  /** Return the address a saved copy is kept under: no query or fragment, a folder with its slash, no index.html. */
  const url = new URL(request.url);
  url.search = url.hash = "";
  url.pathname = url.pathname.replace(/\/index\.html$/, "/");
  if (!url.pathname.endsWith("/") && !url.pathname.split("/").pop().includes(".")) url.pathname += "/";
  return url.href;
}

async function answer(request) {
  /** Answer from the saved copy, or from the network, or with the saved "no connection" page. */
  const url = address(request);
  const fresh = request.cache === "no-cache" || request.cache === "reload" || url.endsWith("/offline-files.json");
  const saved = fresh ? null : await caches.match(url, MATCH);
  if (saved) return saved;
  try {
    return await fetch(request);
  } catch (error) {
    const kept = fresh && (await caches.match(url, MATCH));
    if (kept) return kept;
    if (request.mode === "navigate") return noConnection(url);
    throw error;
  }
}

async function noConnection(url) {
  /** Return the saved "no connection" page in the page's language if saved, else of the language saved last. */
  const saved = [];
  let folders = [];
  for (const name of (await caches.keys()).filter((n) => n.startsWith(PREFIX))) {
    const root = ROOT + name.slice(PREFIX.length);
    const cache = await caches.open(name);
    const when = await cache.match(root + "offline-saved.json", MATCH);
    const list = await cache.match(root + "offline-files.json", MATCH);
    if (!when || !list) continue;
    saved.push({root, date: (await when.json()).date});
    folders = (await list.json()).folders;
  }
  const own = ROOT + (folders.find((folder) => url.startsWith(ROOT + folder)) || "");
  const pick = saved.find((s) => s.root === own) || saved.sort((a, b) => b.date.localeCompare(a.date))[0];
  const page = pick && (await caches.match(pick.root + "offline.html", MATCH));
  if (!page) return Response.error();
  const html = (await page.text()).replace("<head>", `<head><base href="${pick.root}offline.html">`);
  const headers = {"Content-Type": "text/html; charset=utf-8"};
  const policy = page.headers.get("Content-Security-Policy");
  if (policy) headers["Content-Security-Policy"] = policy;
  return new Response(html, {headers});
}

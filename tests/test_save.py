"""Save on this phone (hooks/save_on_phone.py): in headless Chromium against the repo's nginx configuration, with the
site under a sub-path (https://host/vagen/), a reader saves the Somali lessons, reads them offline, is shown a
Somali message for a page that is not saved, and takes a newer version; the manifests, the lists of files and the
server configuration are checked, each check also on a broken input."""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import json
import math
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from conftest import DOCS, LANGS, PROJECT, build
from test_browser import AXE_JS, search
from test_nginx import fetch
from scripts import serve_nginx
from scripts.project import direction, load_strings, manifest as load_manifest

pytestmark = pytest.mark.browser
STRINGS = load_strings()
HOOK = "hooks/save_on_phone.py"
# Files a reader who never presses the button must never download.
ON_PRESS_ONLY = re.compile(r"sw\.js|save-app\.js|save\.css|offline-files\.json|\.webmanifest|icon-(maskable-)?\d+\.png")


def say(key: str, lang: str) -> str:
    """Return a save_ string in a language."""
    return STRINGS[f"save_{key}"][lang]


def lang_root(site: Path, lang: str) -> Path:
    """Return a language's folder in a built site."""
    return site if lang == "sv" else site / lang


def participant_pages(lang: str) -> list[str]:
    """Return the addresses (from the site root) of a language's participant pages, from data/manifest.yml."""
    prefix = "" if lang == "sv" else f"{lang}/"
    sources = DOCS / "sv"
    rels = [p.relative_to(sources).as_posix() for pattern in load_manifest()["sections"]["participant"]["pages"]
            for p in sources.glob(pattern)]
    return [prefix + ("" if rel == "index.md" else rel.removesuffix(".md") + "/") for rel in rels]


def list_problems(site: Path, lang: str) -> list[str]:
    """Return what is wrong with a language's offline-files.json: pages missing, files missing or changed, version."""
    where = f"{lang_root(site, lang).relative_to(site.parent)}/offline-files.json"
    path = lang_root(site, lang) / "offline-files.json"
    if not path.is_file():
        return [f"{where} is missing: the phone has no list of files to save. It is written by {HOOK} at the end of a build."]
    listing = json.loads(path.read_text("utf-8"))
    problems = []
    paths = [f[0] for f in listing["files"]]
    for page in participant_pages(lang):
        if page not in paths:
            problems.append(f"{where}: the participant page {page or '(start page)'} of data/manifest.yml is not listed, so "
                            f"a phone would not save it. Rebuild; if it stays, fix page_paths in {HOOK}.")
    for rel, size, _, short_hash in listing["files"] + ([listing["pdf"]] if listing["pdf"] else []):
        file = site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel
        if not file.is_file():
            problems.append(f"{where}: lists {rel}, which is not in the site. Rebuild (`make site`).")
        elif file.stat().st_size != size or hashlib.sha256(file.read_bytes()).hexdigest()[:10] != short_hash:
            problems.append(f"{where}: {rel} changed after the list was written, so phones would not notice the new "
                            f"version. Write the list last in the build ({HOOK}), and rebuild.")
    version = hashlib.sha256(json.dumps([listing["files"], listing["pdf"]]).encode()).hexdigest()[:12]
    if listing["version"] != version:
        problems.append(f"{where}: version {listing['version']} is not the hash of the list ({version}); a changed fact "
                        f"would not reach saved phones. Fix write_language in {HOOK}.")
    return problems


def manifest_problems(site: Path, lang: str) -> list[str]:
    """Return what is wrong with a language's web app manifest: name, start page, scope, language, icons."""
    path = lang_root(site, lang) / "manifest.webmanifest"
    where = str(path.relative_to(site.parent))
    if not path.is_file():
        return [f"{where} is missing; it is written by {HOOK}."]
    manifest = json.loads(path.read_text("utf-8"))
    url = "https://host/vagen/" + str(path.relative_to(site))
    start = "https://host/vagen/" + ("" if lang == "sv" else f"{lang}/")
    expected = {"name": STRINGS["site_name"][lang], "short_name": say("short_name", lang), "lang": lang,
                "dir": direction(lang), "theme_color": "#00536b"}
    problems = [f"{where}: {key} is {manifest.get(key)!r}, expected {value!r} (data/strings.yml, {HOOK})."
                for key, value in expected.items() if manifest.get(key) != value]
    for key in ("start_url", "scope"):
        if urljoin(url, manifest.get(key, "")) != start:
            problems.append(f"{where}: {key} {manifest.get(key)!r} does not lead to the language's start page {start}; "
                            "use a relative address, so the site also works under a sub-path.")
    purposes = set()
    for icon in manifest.get("icons", []):
        file = (path.parent / icon["src"]).resolve()
        if not file.is_file():
            problems.append(f"{where}: icon {icon['src']} does not exist. Write it in {HOOK} (write_icons).")
            continue
        width, height = Image.open(file).size
        if icon["sizes"] != f"{width}x{height}" or icon.get("type") != "image/png":
            problems.append(f"{where}: icon {icon['src']} is a {width}x{height} file but says {icon['sizes']} "
                            f"({icon.get('type')}); state its real size.")
        purposes.add((width, icon.get("purpose", "any")))
    for needed in [(192, "any"), (512, "any"), (512, "maskable")]:
        if needed not in purposes:
            problems.append(f"{where}: no {needed[0]}px icon for purpose {needed[1]!r}; phones need it to install the app.")
    return problems


def server_problems(base: str) -> list[str]:
    """Return what the server gets wrong about the service worker, the manifests and the policy that allows them."""
    problems = []
    status, headers, _ = fetch(base + "sw.js")
    if status != 200 or headers.get_content_type() != "application/javascript" or headers["Cache-Control"] != "no-cache":
        problems.append(f"/sw.js answered {status} {headers['Content-Type']} with Cache-Control {headers['Cache-Control']!r}: "
                        "a service worker must be JavaScript and revalidated (no-cache), or phones keep an old one.")
    for lang in ("sv", "so", "fa-AF"):
        path = ("" if lang == "sv" else f"{lang}/") + "manifest.webmanifest"
        status, headers, _ = fetch(base + path, "gzip")
        if status != 200 or headers.get_content_type() != "application/manifest+json":
            problems.append(f"/{path} answered {status} {headers['Content-Type']}, expected application/manifest+json: keep "
                            "the `location ~ \\.webmanifest$` block with its types in deploy/nginx/vagen.conf.")
        elif headers["Content-Encoding"] != "gzip":
            problems.append(f"/{path} is not sent gzip-compressed: add application/manifest+json to gzip_types and "
                            "brotli_types in deploy/nginx/vagen.conf.")
    policy = dict(part.strip().split(" ", 1) for part in fetch(base)[1]["Content-Security-Policy"].split(";") if " " in part.strip())
    if "'self'" not in (policy.get("worker-src") or policy.get("script-src") or policy.get("default-src", "")).split():
        problems.append("The Content-Security-Policy does not allow our own service worker: keep worker-src 'self' in "
                        "deploy/nginx/headers.conf.")
    if "'self'" not in policy.get("manifest-src", policy.get("default-src", "")).split():
        problems.append("The Content-Security-Policy does not allow our own manifests: default-src 'self' (or "
                        "manifest-src 'self') in deploy/nginx/headers.conf.")
    return problems


@contextlib.contextmanager
def under_sub_path(site: Path):
    """Serve a built site through the repo's nginx configuration at /vagen/, as a district would; yield its address.

    The folder nginx serves is made in build/, readable by nginx's worker (pytest's own temporary folders are not)."""
    (PROJECT / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=PROJECT / "build", prefix="save-test-") as folder:
        top = Path(folder)
        top.chmod(0o755)
        (top / "vagen").symlink_to(site.resolve(), target_is_directory=True)
        (top / "index.html").write_text("<!doctype html><title>host</title>\n", "utf-8")  # nginx answers at /
        with serve_nginx.nginx(top) as base:
            yield base + "vagen/"


def publish(built: Path, to: Path) -> None:
    """Copy a scratch build to the folder a server serves, as a district publishes a new edition."""
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(built, to)
    for path in [to, *to.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)



def phone(browser, base: str):
    """Return a new 360×640 browser context and page that record requests, script errors and policy violations."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.requests, page.fetches, page.errors = [], [], []
    page.on("request", lambda r: (page.requests.append(r.url), r.resource_type == "fetch" and page.fetches.append(r.url)))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    return context, page


def save_language(page, lang: str, with_pdf: bool = False) -> list[str]:
    """Press the button, check the booklet if asked, save, and return the progress messages shown."""
    page.click(".save-phone")
    page.wait_for_selector("dialog.save-dialog[open]")
    if with_pdf:
        page.check("dialog.save-dialog input[type=checkbox]")
    page.evaluate("""() => { window.progressSeen = [];
        new MutationObserver(() => window.progressSeen.push(document.querySelector('.save-progress').textContent))
          .observe(document.querySelector('.save-progress'), {childList: true, characterData: true, subtree: true}); }""")
    page.click("dialog.save-dialog .save-main")
    page.locator(".save-progress", has_text=say("done", lang)).wait_for(timeout=60000)
    return page.evaluate("window.progressSeen")


def test_saved_somali_lessons_open_offline_and_unsaved_pages_say_so_in_somali(site, browser):
    """Save 'so' under /vagen/ (nothing loaded before the press), go offline, open saved pages, follow a link, and see
    the Somali 'no connection' page for a Swedish and a leader page."""
    listing = json.loads((site / "so" / "offline-files.json").read_text("utf-8"))
    with under_sub_path(site) as base:
        context, page = phone(browser, base)
        page.goto(base + "so/lektioner/03-bostadskon/", wait_until="networkidle")
        early = [u for u in page.requests if ON_PRESS_ONLY.search(u)]
        assert not early, f"a first visit downloaded {early} before the press; load them only in assets/save-app.js"
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0, \
            "a service worker was registered before the reader pressed the button"
        box = page.locator(".save-phone").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, f"the button is {box['width']}×{box['height']} px, under 44×44"

        page.focus(".save-phone")
        page.keyboard.press("Enter")
        dialog = page.wait_for_selector("dialog.save-dialog[open]")
        text = dialog.inner_text()
        size = f"{math.ceil(listing['download'] / 1024)} KB"  # sizes under a megabyte are rounded up
        assert say("where", "so") in text and size in text and str(listing["pages"]) in text, text
        assert f"({math.ceil(listing['pdf'][1] / 1024)} KB)" in text, text  # the booklet, a choice
        page.keyboard.press("Escape")

        seen = save_language(page, "so", with_pdf=True)
        total = len(listing["files"]) + 1
        counted = [m for m in seen if re.fullmatch(rf"Waa la kaydinayaa … \d+ ka mid ah {total}", m)]
        assert counted and counted[-1].endswith(f"{total} ka mid ah {total}"), f"progress shown: {seen}"
        pdf = base + listing["pdf"][0]
        assert page.evaluate(f"caches.match('{pdf}').then(r => r && r.headers.get('Content-Type'))") == "application/pdf"
        assert page.evaluate("document.querySelector('link[rel=manifest]').href") == base + "so/manifest.webmanifest"
        cdp = context.new_cdp_session(page)
        parsed = cdp.send("Page.getAppManifest")
        assert parsed["url"] == base + "so/manifest.webmanifest" and not parsed["errors"], parsed["errors"]
        unmet = {e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]} - {"in-incognito"}
        assert not unmet, f"Chromium would not install the saved Somali site: {unmet}"
        usage = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
        assert usage >= listing["bytes"], f"Cache Storage holds {usage} bytes, less than the {listing['bytes']} saved"

        context.set_offline(True)
        for path in ("so/", "so/lektioner/03-bostadskon/", "so/arbetsblad/min-dokumentmapp/"):
            page.goto(base + path)
            title = (site / path / "index.html").read_text("utf-8").split("<title>")[1].split("</title>")[0]
            assert page.title() == html.unescape(title), f"offline, /vagen/{path} shows {page.title()!r}"
            page.locator(".save-status", has_text=say("saved_on", "so").split("{")[0].strip()).wait_for()
        following = urljoin(page.url, page.get_attribute("a.md-footer__link--next", "href"))
        assert following.startswith(base + "so/arbetsblad/")
        page.click("a.md-footer__link--next")
        page.wait_for_url(following)
        assert page.locator("article h1").count() == 1
        search(page, "kötid")  # the search index and its worker are saved too

        for path in ("lektioner/03-bostadskon/", "ledare/traff-03/"):
            page.goto(base + path)
            assert page.inner_text("h1") == say("offline_title", "so"), f"offline, the unsaved /vagen/{path} did not say so"
            assert page.get_attribute("html", "lang") == "so"
        page.click("article li:nth-child(2) a")
        page.wait_for_url(base + "so/lektioner/00-valkommen/")
        assert not page.errors, page.errors
        context.close()


def test_the_dialog_is_accessible_and_closes_back_to_the_button(server, browser):
    """The dialog passes axe (on the plain test server: the policy forbids injecting axe), and Escape closes it."""
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.goto(server + "fa-AF/lektioner/03-bostadskon/")
    page.click(".save-phone")
    page.wait_for_selector("dialog.save-dialog[open]")
    assert page.get_attribute("dialog.save-dialog", "dir") == "rtl"
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))")
    assert not violations, f"axe finds {violations} with the save dialog open"
    page.keyboard.press("Escape")
    assert page.locator("dialog.save-dialog").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('save-phone')"), "focus did not return to the button"
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0, \
        "opening the dialog registered the service worker: only saving may"
    page.close()


def test_a_changed_fact_reaches_a_saved_phone(project_copy, browser):
    """Save Somali from a scratch build, change a fact and rebuild: back online, the reader sees the Somali notice, the
    new version is saved (only the files that changed are fetched again) and shows the new value."""
    shutil.copytree(DOCS / "so", project_copy / "docs" / "so")
    site = project_copy / "site"
    first = build(project_copy, BUILD_SO="true")
    assert first.returncode == 0, first.stderr[-3000:]
    before = json.loads((site / "so" / "offline-files.json").read_text("utf-8"))
    (PROJECT / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=PROJECT / "build", prefix="save-site-") as published:
        Path(published).chmod(0o755)
        served = Path(published) / "site"
        publish(site, served)
        saved_then_updated(browser, project_copy, site, served, before)


def saved_then_updated(browser, project_copy: Path, site: Path, served: Path, before: dict) -> None:
    """Save Somali from the published scratch build, publish a rebuild with a changed fact, and take the update."""
    with under_sub_path(served) as base:
        context, page = phone(browser, base)
        lesson = base + "so/lektioner/03-bostadskon/"
        page.goto(lesson, wait_until="networkidle")
        save_language(page, "so")
        assert "275" not in page.inner_text("article")

        facts = project_copy / "data" / "facts.yml"
        facts.write_text(facts.read_text("utf-8").replace("queue_fee_sek:\n  value: 200", "queue_fee_sek:\n  value: 275", 1), "utf-8")
        second = build(project_copy, BUILD_SO="true")
        assert second.returncode == 0, second.stderr[-3000:]
        publish(site, served)
        after = json.loads((site / "so" / "offline-files.json").read_text("utf-8"))
        changed = {f[0] for f in after["files"]} - {f[0] for f in before["files"]} | \
            {a[0] for a, b in zip(after["files"], before["files"]) if a != b}
        assert after["version"] != before["version"], "a changed fact did not change the version"
        assert "so/lektioner/03-bostadskon/" in changed and len(changed) < len(after["files"]) / 2, \
            f"the rebuild changed {sorted(changed)}: the build must be repeatable, so phones fetch only what changed"

        page.fetches.clear()
        page.add_init_script("""window.statusSeen = []; new MutationObserver(() => {
            const s = document.querySelector('.save-status');
            if (s && s.textContent !== window.statusSeen.at(-1)) window.statusSeen.push(s.textContent);
          }).observe(document, {subtree: true, childList: true, characterData: true});""")
        page.goto(lesson)
        page.locator(".save-status", has_text=say("updated", "so")).wait_for(timeout=60000)
        assert say("update", "so") in page.evaluate("window.statusSeen"), "no notice of the new version was shown"
        fetched = {u.removeprefix(base) for u in page.fetches} - {"so/offline-files.json", "so/search/search_index.json"}
        assert fetched and fetched <= changed, f"the update fetched unchanged files: {sorted(fetched - changed)}"
        page.click(f".save-status button:has-text('{say('reload', 'so')}')")
        page.wait_for_load_state()
        assert "275" in page.inner_text("article"), "after the update the saved lesson still shows the old fee"
        context.set_offline(True)
        page.goto(base + "so/fakta-och-kallor/")
        assert "275" in page.inner_text("article"), "offline, the saved facts page still shows the old fee"
        assert not page.errors, page.errors
        context.close()


def test_a_first_visit_loads_only_the_small_loader(site, browser):
    """A reader who never presses the button gets the button and assets/save.js (a few hundred bytes), nothing more."""
    with under_sub_path(site) as base:
        context, page = phone(browser, base)
        for path in ("ar/lektioner/06-visning-och-erbjudande/", "ledare/traff-03/", "utvardering/"):
            page.goto(base + path, wait_until="networkidle")
        assert not [u for u in page.requests if ON_PRESS_ONLY.search(u)]
        assert page.locator(".save-phone").count() == 1
        page.goto(base + "ledare/traff-03/")
        assert page.locator(".save-phone").count() == 0, "the leader guide has no save button"
        page.goto(base + "ar/lektioner/06-visning-och-erbjudande/")
        button, article = page.locator(".save-phone").bounding_box(), page.locator("article").bounding_box()
        assert button["x"] + button["width"] > article["x"] + article["width"] / 2, "on a right-to-left page the button is not on the right"
        assert page.inner_text(".save-phone") == say("button", "ar")
        context.close()
    for lang in ("sv", "ar", "uk"):  # languages whose lessons never say the button's words
        booklet = lang_root(site, lang) / "pdf" / "deltagarhafte.pdf"
        text = subprocess.run(["pdftotext", str(booklet), "-"], capture_output=True, text=True, check=True).stdout
        assert say("button", lang) not in text, f"{booklet.relative_to(site.parent)} shows the save button"
    loader = site / "assets" / "save.js"
    assert len(gzip.compress(loader.read_bytes(), 6)) < 400, "assets/save.js grew: keep the loader tiny, the rest in save-app.js"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_lists_its_pages_and_has_a_valid_manifest(site, lang):
    """offline-files.json lists every participant page and matches the built files; the manifest validates."""
    problems = list_problems(site, lang) + manifest_problems(site, lang)
    assert not problems, "\n".join(problems)
    page = (lang_root(site, lang) / "lektioner" / "03-bostadskon" / "index.html").read_text("utf-8")
    assert f"<span>{say('button', lang)}</span>" in page
    offline = (lang_root(site, lang) / "offline.html").read_text("utf-8")
    assert f'<html lang="{lang}" dir="{direction(lang)}">' in offline and say("offline_text", lang) in offline


def test_list_and_manifest_checks_fail_on_broken_files(site, tmp_path):
    """A list missing a page, naming a changed file, a manifest with a wrong icon size: each is reported with its file."""
    copy = tmp_path / "site"
    (copy / "so").mkdir(parents=True)
    listing = json.loads((site / "so" / "offline-files.json").read_text("utf-8"))
    listing["files"] = [f for f in listing["files"] if f[0] != "so/ordlista/"]
    (copy / "so" / "offline-files.json").write_text(json.dumps(listing), "utf-8")
    manifest = json.loads((site / "so" / "manifest.webmanifest").read_text("utf-8"))
    manifest["icons"][0]["sizes"] = "180x180"
    manifest["start_url"] = "/so/"
    (copy / "so" / "manifest.webmanifest").write_text(json.dumps(manifest), "utf-8")
    shutil.copytree(site / "assets", copy / "assets")
    shutil.copytree(site / "so", copy / "so", dirs_exist_ok=True, ignore=shutil.ignore_patterns("offline-files.json", "*.webmanifest", "pdf"))
    (copy / "so" / "lektioner" / "03-bostadskon" / "index.html").write_text("changed", "utf-8")
    problems = "\n".join(list_problems(copy, "so") + manifest_problems(copy, "so"))
    assert "site/so/offline-files.json: the participant page so/ordlista/ of data/manifest.yml is not listed" in problems
    assert "so/lektioner/03-bostadskon/ changed after the list was written" in problems
    assert "not the hash of the list" in problems
    assert "site/so/manifest.webmanifest: icon ../assets/images/icon-192.png is a 192x192 file but says 180x180" in problems
    assert "start_url '/so/' does not lead to the language's start page" in problems


def test_server_sends_the_worker_and_manifests_right(site, tmp_path):
    """nginx sends sw.js as JavaScript with no-cache, manifests as application/manifest+json (compressed), and the
    policy allows both; a scratch configuration without these is reported."""
    with serve_nginx.nginx(site) as base:
        problems = server_problems(base)
    assert not problems, "\n".join(problems)
    conf = tmp_path / "nginx"
    shutil.copytree(serve_nginx.NGINX_DIR, conf)
    text = (conf / "vagen.conf").read_text("utf-8")
    start = text.index("    location ~ \\.webmanifest$ {")
    (conf / "vagen.conf").write_text(text[:start] + text[text.index("    }\n", start) + 6:], "utf-8")
    headers = (conf / "headers.conf").read_text("utf-8")
    (conf / "headers.conf").write_text(headers.replace("worker-src 'self'", "worker-src 'none'"), "utf-8")
    with serve_nginx.nginx_server(site, conf) as served:
        broken = "\n".join(server_problems(served.url))
    assert "/so/manifest.webmanifest answered 200 " in broken and "expected application/manifest+json" in broken
    assert "does not allow our own service worker" in broken


def test_offline_zip_copy_has_no_worker_and_no_button(site, browser, tmp_path):
    """The file:// copy holds no service worker or save script to run, shows no button and runs without errors."""
    with zipfile.ZipFile(site / "offline" / "vagen-sv.zip") as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path)
    stray = sorted(n for n in names if ON_PRESS_ONLY.search(n))
    assert not stray, f"the offline copy holds {stray}: leave them out of the offline build ({HOOK})"
    with zipfile.ZipFile(site / "offline" / "vagen-so.zip") as zf:
        zf.extractall(tmp_path / "so-copy")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for top, rel in ((tmp_path / "vagen", "lektioner/03-bostadskon.html"), (tmp_path / "so-copy" / "vagen", "so/lektioner/03-bostadskon.html")):
        page.goto((top / rel).as_uri(), wait_until="load")
        assert page.locator(".save-phone").count() == 0 and page.locator("link[rel=manifest]").count() == 0
    page.close()
    assert not errors, errors

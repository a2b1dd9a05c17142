"""Print the Content-Security-Policy hashes of the inline scripts in the built site (for deploy/nginx/headers.conf)."""
import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def csp_hash(script: str) -> str:
    """Return the CSP sha256 source of one inline script's text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def inline_script_pages(site: Path) -> dict[str, list[Path]]:
    """Return each inline script's CSP sha256 source with the built pages (relative to site) it appears on."""
    found: dict[str, list[Path]] = {}
    for page in sorted(site.rglob("*.html")):
        for body in INLINE_SCRIPT.findall(page.read_text("utf-8")):
            pages = found.setdefault(csp_hash(body), [])
            if page.relative_to(site) not in pages:
                pages.append(page.relative_to(site))
    return found


def inline_script_hashes(site: Path) -> set[str]:
    """Return the CSP sha256 sources of every inline script in the built HTML."""
    return set(inline_script_pages(site))


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print("script-src 'self' " + " ".join(sorted(inline_script_hashes(site))))

"""Print the Content-Security-Policy hashes of the inline scripts in the built site (for deploy/nginx/headers.conf)."""
import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script_hashes(site: Path) -> set[str]:
    """Return the CSP sha256 sources of every inline script in the built HTML."""
    found = set()
    for page in site.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text("utf-8")):
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'")
    return found


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print("script-src 'self' " + " ".join(sorted(inline_script_hashes(site))))

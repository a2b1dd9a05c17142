"""The offline copy has no dead links, and its printed and canonical addresses are the web site's.

A language's offline copy holds only that language's pages and the theme's assets (scripts/offline_copies.py decides
which files, with `in_copy`). Every link on a page of the offline build that leads out of the copy is turned into a
normal web link to the same thing on the published site (the edition's site_url, directory-style addresses):

- the language switcher's other languages: the reader who picks a language wants that page in that language; the
  copy cannot hold it, the web site has it. Removing the entries would hide that the material exists in other
  languages, and a web link fails plainly ("no connection") where a file link would fail as "file not found";
- the PDF download: the PDFs are left out of the copies (they are downloads of their own), so the link downloads the
  language's PDF from the web site;
- "read the Swedish page" in a translation notice: the Swedish page is not in a translated copy; the web site's
  Swedish page is the one the notice means;
- the offline-zip download is already left out of the offline build (overrides/main.html): a copy offering itself
  for download again would only confuse.

The canonical link and each lesson's printed QR code name the page's web address, `lektioner/03-bostadskon/`, not
the copy's file name `lektioner/03-bostadskon.html`, which does not exist on the web site. The QR code is made again
here, by hooks/qr_codes.py itself, for the directory-style address, so that module stays unaware of the offline build.
"""
from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

from hooks import qr_codes
from hooks.site_data import lang_of
from scripts.offline_copies import in_copy

LINK = re.compile(r'\b(href|src)="([^"]*)"')


def is_offline(config) -> bool:
    """Tell whether this is the offline build (pages as .html files with file links)."""
    return not config["use_directory_urls"]


def web_path(path: str) -> str:
    """Return the web site's address, from its root, of a file of the offline build: 'a/b.html' becomes 'a/b/'."""
    if path == "index.html" or path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path.removesuffix(".html") + "/" if path.endswith(".html") else path


def web_address(path: str, config) -> str:
    """Return the absolute web address of a file of the offline build."""
    return urljoin(config["site_url"], web_path(path))


def qr_code_to_web_page(html: str, page, config) -> str:
    """Offline, print the lesson's QR code for its web address instead of the copy's file name."""
    if not is_offline(config) or 'class="qr-print"' not in html:
        return html
    on_the_web = SimpleNamespace(url=web_path(page.url))
    return html.replace(qr_codes.for_lesson(page, config), qr_codes.for_lesson(on_the_web, config), 1)


def links_out_of_copy_to_web(output: str, page, config) -> str:
    """Offline, point the canonical link at the web page, and every link that leaves the copy at the web site."""
    if not is_offline(config):
        return output
    lang = lang_of(config)
    output = output.replace(
        f'<link rel="canonical" href="{urljoin(config["site_url"], page.url)}">',
        f'<link rel="canonical" href="{web_address(page.url, config)}">', 1)

    def to_web(m: re.Match) -> str:
        url = urlsplit(m.group(2))
        if url.scheme or url.netloc or not url.path or url.path.startswith("/"):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), url.path))
        target += "/" if url.path.endswith("/") and target != "." else ""
        if in_copy(target, lang):
            return m.group(0)
        return f'{m.group(1)}="{web_address(target, config)}{"#" + url.fragment if url.fragment else ""}"'

    return LINK.sub(to_web, output)

"""Links: internal links, anchors and nav entries resolve; external links are https to allowlisted hosts."""
from conftest import FIXTURES, PROJECT
from checkers import check_external_links, check_internal_links, check_third_party
from scripts.project import allowed_hosts

ALLOWLIST = allowed_hosts(PROJECT / "data" / "allowed-hosts.txt")
BROKEN = FIXTURES / "broken-site"


def test_internal_links_and_anchors_resolve(site):
    """Every internal link, nav entry and #anchor on every page of every language points at something that exists."""
    problems = check_internal_links(site)
    assert not problems, "\n".join(problems)


def test_external_links_are_https_and_allowlisted(site):
    """Advice to newcomers links only to official sites, over https."""
    problems = check_external_links(site, ALLOWLIST)
    assert not problems, "\n".join(problems)


def test_no_third_party_requests(site):
    """No page or stylesheet loads anything from another host: no fonts, CDN scripts, analytics or frames."""
    problems = check_third_party(site)
    assert not problems, "\n".join(problems)


def test_link_checkers_name_file_and_line_on_a_broken_fixture():
    """The checkers catch a missing page, a missing anchor, http, a look-alike host and third-party loads."""
    internal = "\n".join(check_internal_links(BROKEN))
    assert "index.html:8: link 'lektioner/saknas/' points at a missing file" in internal
    assert "index.html:9: link 'en/lektioner/#finns-inte' points at a missing anchor #finns-inte" in internal
    external = "\n".join(check_external_links(BROKEN, ALLOWLIST))
    assert "index.html:10: external link 'http://bostad.stockholm.se/' is not https" in external
    assert "index.html:11: host 'bostad-stockholm.example.net' is not in data/allowed-hosts.txt" in external
    third = "\n".join(check_third_party(BROKEN))
    assert "index.html:3: <script src> loads from cdn.example.com" in third
    assert "index.html:4: <link href> loads from fonts.googleapis.com" in third
    assert "en/lektioner/index.html:2: CSS loads https://example.org/x.css" in third


def test_language_switcher_and_pdf_link_stay_in_the_readers_language(site):
    """On a lesson, the switcher leads to the same lesson in each language, and the PDF link to this language's PDF."""
    from bs4 import BeautifulSoup

    from conftest import LANGS, lang_root
    from scripts.project import load_strings

    strings = load_strings()
    for lang in LANGS:
        page = lang_root(lang) / "lektioner" / "03-bostadskon" / "index.html"
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        switcher = soup.select("a.md-select__link[hreflang]")
        assert len(switcher) == len(LANGS), f"{lang}: the language switcher has {len(switcher)} links"
        for link in switcher:
            target = (page.parent / link["href"]).resolve()
            expected = (lang_root(link["hreflang"]) / "lektioner" / "03-bostadskon").resolve()
            assert target == expected, f"{lang}: switcher link to {link['hreflang']} goes to {link['href']}"
        pdf = soup.select_one("a.pdf-link[type='application/pdf']")
        assert (page.parent / pdf["href"]).resolve() == (lang_root(lang) / "pdf" / "deltagarhafte.pdf").resolve()
        assert strings["pdf_link"][lang] in pdf.get_text(), f"{lang}: the PDF link is not labelled in {lang}"

"""Every language is listed everywhere it must be, so that adding one cannot be half done."""
import re

import yaml

from conftest import DOCS, PROJECT
from scripts.project import LANG_NAMES, LANGS, load_strings, manifest



def mkdocs_locales() -> list[str]:
    """Return the locales in mkdocs.yml's i18n plugin, in order."""
    return re.findall(r"^      - locale: (\S+)", (PROJECT / "mkdocs.yml").read_text("utf-8"), re.M)


def test_languages_agree_everywhere():
    """mkdocs.yml, scripts/project.py, the manifest, strings, term bases, start pages and nginx list the same languages."""
    assert mkdocs_locales() == LANGS, f"mkdocs.yml has {mkdocs_locales()}, scripts/project.py LANGS has {LANGS}"
    assert list(LANG_NAMES) == LANGS, "scripts/project.py: LANG_NAMES must name every language in LANGS"
    assert manifest()["sections"]["participant"]["languages"] == LANGS, "data/manifest.yml: participant languages"
    for key, texts in load_strings().items():
        missing = [l for l in LANGS if not texts.get(l)]
        assert not missing, f"data/strings.yml: '{key}' has no text in {missing}"
    for lang in LANGS[1:]:
        terms = PROJECT / "data" / "terms" / f"{lang}.yml"
        assert terms.exists() and yaml.safe_load(terms.read_text("utf-8"))["terms"], f"{terms} is missing or empty"
        assert (DOCS / lang / "index.md").exists(), f"docs/{lang}/index.md is missing"
    nginx_langs = re.search(r"location ~ \^/\(\?<lang>([^)]*)\)/", (PROJECT / "deploy" / "nginx" / "vagen.conf").read_text("utf-8"))
    assert nginx_langs and nginx_langs.group(1).split("|") == LANGS[1:], "deploy/nginx/vagen.conf: 404 location languages"


def test_languages_without_material_strings_have_our_own():
    """Somali, Tigrinya and Dari get the theme's menu texts from overrides/partials/languages/."""
    for lang in ("so", "ti", "fa-AF"):
        partial = PROJECT / "overrides" / "partials" / "languages" / f"{lang}.html"
        assert partial.exists(), f"{partial} is missing: the theme would show English menus"
        assert f'"language": "{lang}"' in partial.read_text("utf-8")

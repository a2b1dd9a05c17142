"""The course follows one household (data/household.yml): it is in every lesson, its details are never typed, the
sums worked out from them add up, and the names of the old scattered examples are gone."""
import re
from datetime import date

import pytest

from conftest import DOCS, LANGS, lang_root
from scripts.project import DataError, load_facts, load_household

HOUSEHOLD = load_household()
FACTS = load_facts()
NAMES = ("Amina", "Yusuf", "Hamza", "Noor", "Olena", "Maksym")
OLD_NAMES = ("Sara", "Farid", "Ahmad", "Tesfay", "Maryam", "Hana", "Dawit", "Mykola", "Hodan")
TYPED_DETAIL = re.compile(r"\b(" + "|".join(NAMES) + r")\b[^.\n|]{0,60}?\b\d+(?: \d{3})*\s*"
                          r"(?:år|kronor|kr|procent|%|years?|SEK|per cent|månader|months?)\b")  # an age, amount or share


def lessons(lang: str) -> list:
    """Return the built lesson pages of a language."""
    return sorted((lang_root(lang) / "lektioner").glob("*/index.html"))


def value(key: str):
    """Return a household detail's value."""
    return HOUSEHOLD[key]["value"]


def typed_details(text: str) -> list[str]:
    """Return each place where a household member's name is followed by a typed number (not a placeholder)."""
    return [m.group(0) for m in TYPED_DETAIL.finditer(re.sub(r"\{\{[^}]*\}\}", "", text))]


def test_the_household_is_in_every_swedish_lesson(site):
    """Amina and Yusuf's family appears in all ten Swedish lessons."""
    pages = lessons("sv")
    assert len(pages) == 10, f"expected ten built Swedish lessons, found {len(pages)}"
    missing = [p.parent.name for p in pages if not re.search(r"\b(Amina|Yusuf)\b", p.read_text("utf-8"))]
    assert not missing, f"the household (Amina, Yusuf) does not appear in: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_old_example_names_are_left(site, lang):
    """The scattered one-off people of version 1.0 were rewritten into the household's story, in every language."""
    left = [f"{p.relative_to(site)}: {name}" for p in sorted(lang_root(lang).glob("*/*/index.html")) + lessons(lang)
            for name in OLD_NAMES if re.search(rf"\b{name}\b", p.read_text("utf-8"))]
    assert not left, "old example names (use the household of data/household.yml):\n" + "\n".join(sorted(set(left)))


def test_household_details_are_never_typed():
    """Sources in every language write a household member's age, income or date as {{ household.<key> }}."""
    found = [f"{path.relative_to(DOCS.parent)}:{n}: '{hit}': write the detail as {{{{ household.<key> }}}}"
             for path in sorted(DOCS.rglob("*.md")) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             for hit in typed_details(line)]
    assert not found, "\n".join(found)


def test_the_typed_detail_check_can_fail():
    """A typed age or salary next to a name is found; a placeholder is not."""
    assert typed_details("Yusuf är 38 år och tjänar 27 000 kronor.") == ["Yusuf är 38 år"]
    assert typed_details("Olena earns 19 500 kronor.") == ["Olena earns 19 500 kronor"]
    assert typed_details("Yusuf är {{ household.yusuf_age }} år. Amina registrerar sig i träff 3.") == []


def test_worked_out_details_add_up():
    """Details worked out from others (lesson 7's sums, the first rent's month) match what they come from."""
    times = FACTS["income_rent_multiple_example"]["value"]
    move_in = date.fromisoformat(value("move_in"))
    before = date(move_in.year - (move_in.month == 1), (move_in.month - 2) % 12 + 1, 1)
    expected = {
        "flat_income_needed_kr": times * value("flat_rent_kr"),
        "olena_income_needed_kr": times * value("olena_rent_kr"),
        "yusuf_salary_third_kr": value("yusuf_salary_kr") // times,
        "olena_salary_third_kr": value("olena_salary_kr") // times,
        "yusuf_left_after_rent_kr": value("yusuf_salary_kr") - value("flat_rent_kr"),
        "olena_left_after_rent_kr": value("olena_salary_kr") - value("olena_rent_kr"),
        "first_rent_due_month": f"{before:%Y-%m}",
    }
    wrong = [f"data/household.yml: {key} is {value(key)!r}, but worked out it is {want!r}"
             for key, want in expected.items() if value(key) != want]
    assert not wrong, "\n".join(wrong)
    assert value("viewing_date") < value("offer_answer_by") < value("move_in"), "the flat's dates are out of order"
    assert value("ad_last_day") < value("viewing_date"), "the viewing comes before the last day to register interest"


@pytest.mark.parametrize("line,expected", [
    ("yusuf_age: {value: trettioåtta, kind: age}", "'yusuf_age': the value must be a whole number (kind 'age')"),
    ('move_in: {value: "1 maj 2027", kind: date}', "'move_in': the value must be a date as YYYY-MM-DD"),
    ("flat_rent_kr: 8900", "'flat_rent_kr' must be written {value: …, kind: …}"),
])
def test_a_bad_household_detail_is_refused_with_file_and_line(tmp_path, line, expected):
    """A household detail of the wrong kind or shape stops loading, naming the file, the line and the detail."""
    path = tmp_path / "household.yml"
    path.write_text("# made-up people\namina_age: {value: 34, kind: age}\n" + line + "\n", "utf-8")
    with pytest.raises(DataError) as e:
        load_household(path)
    assert f"{path}:3: {expected}" in str(e.value)

"""How a fact's number is written in a language: Persian digits in Persian and Dari running text, except numbers a
reader types or matches on a Swedish screen (amounts to pay, phone numbers, account numbers), which stay as there."""
from __future__ import annotations

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
NATIVE_DIGITS = {"fa": PERSIAN_DIGITS, "fa-AF": PERSIAN_DIGITS}
AS_ON_SWEDISH_SCREENS = {"kronor", "phone", "plusgiro"}  # typed into a bank app or a phone, or read off an avi


def written(value, kind: str, lang: str) -> str:
    """Return a fact's value as a reader of the language should see it."""
    text = calendar_words(str(value), kind, lang) if kind in ("month", "date") else str(value)
    if kind == "kronor" and isinstance(value, int) and value >= 1000:
        text = f"{value:,}".replace(",", "\u00a0")  # 8 900 and 27 000, never broken over two lines
    if lang in NATIVE_DIGITS and kind not in AS_ON_SWEDISH_SCREENS:
        return text.translate(NATIVE_DIGITS[lang])
    return text


def calendar_words(value: str, kind: str, lang: str) -> str:
    """Write 2028-05 as 'maj 2028' and 2024-09-16 as '16 september 2024', with the language's month names."""
    from hooks.site_data import t
    parts = [int(p) for p in value.split("-")]
    names = t("month_names" if kind == "month" else "month_names_in_date", lang).split()
    month = names[parts[1] - 1]
    return f"{month} {parts[0]}" if kind == "month" else f"{parts[2]} {month} {parts[0]}"

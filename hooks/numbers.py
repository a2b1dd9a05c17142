"""How a fact's number is written in a language: Persian digits in Persian and Dari running text, except numbers a
reader types or matches on a Swedish screen (amounts to pay, phone numbers, account numbers), which stay as there."""
from __future__ import annotations

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
NATIVE_DIGITS = {"fa": PERSIAN_DIGITS, "fa-AF": PERSIAN_DIGITS}
AS_ON_SWEDISH_SCREENS = {"kronor", "phone", "plusgiro"}  # typed into a bank app or a phone, or read off an avi


def written(value, kind: str, lang: str) -> str:
    """Return a fact's value as a reader of the language should see it."""
    text = str(value)
    if lang in NATIVE_DIGITS and kind not in AS_ON_SWEDISH_SCREENS:
        return text.translate(NATIVE_DIGITS[lang])
    return text

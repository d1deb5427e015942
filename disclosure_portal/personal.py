"""Masking what could identify a person in text that others will read."""

import re

LONG_NUMBER = re.compile(r"\d{7,}[xX]?")  # phone and ID numbers
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def mask_personal_data(text: str, names: tuple[str, ...] = ()) -> str:
    """`text` with e-mail addresses, long digit runs and the given names replaced by stars."""
    text = EMAIL.sub("***", text)
    text = LONG_NUMBER.sub(lambda match: "*" * len(match.group()), text)
    for name in filter(None, (name.strip() for name in names)):
        text = text.replace(name, "*" * len(name))
    return text

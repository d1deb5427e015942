"""Chinese text helpers shared by every app."""

from functools import cache

import opencc


@cache
def _simplified_to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _simplified_to_traditional().convert(text)

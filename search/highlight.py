"""Highlighting: which parts of an original text matched the query's words.

Matching happens on normalised text, so each normalised character keeps the offset of the
original character it came from; the parts returned are plain text (the template escapes them).
"""

from . import text

Part = tuple[str, bool]


def _normalised(original: str) -> tuple[str, list[int] | range]:
    # Nearly always normalising keeps every character in place; mapping character by
    # character in Python is only worth its cost when the length changes.
    normal = text.normalize(original)
    if len(normal) == len(original):
        return normal, range(len(original))
    return text.normalize_with_map(original)


def _spans(original: str, words: list[str]) -> list[tuple[int, int]]:
    normal, origins = _normalised(original)
    spans = []
    for word in words:
        start = normal.find(word)
        while start != -1:
            end = start + len(word)
            spans.append((origins[start], origins[end - 1] + 1))
            start = normal.find(word, end)
    return _merge(sorted(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _split(original: str, spans: list[tuple[int, int]]) -> list[Part]:
    parts, last = [], 0
    for start, end in spans:
        if start > last:
            parts.append((original[last:start], False))
        parts.append((original[start:end], True))
        last = end
    if last < len(original):
        parts.append((original[last:], False))
    return parts


def highlight(original: str, words: list[str]) -> list[Part]:
    return _split(original, _spans(original, words))


def snippet(original: str, words: list[str], width: int = 120) -> list[Part] | None:
    """A window of `width` characters around the first match, or None if nothing matches.

    The text is searched piece by piece, so a long body is normalised only up to its first match.
    """
    step = 4 * width
    for offset in range(0, max(len(original), 1), step):
        # Pieces overlap by the longest word, so a match across two pieces is whole in one.
        piece = original[offset : offset + step + text.MAX_WORD_LENGTH]
        spans = [(start + offset, end + offset) for start, end in _spans(piece, words)]
        if spans:
            return _window(original, spans, width)
    return None


def _window(original: str, spans: list[tuple[int, int]], width: int) -> list[Part]:
    start = max(0, spans[0][0] - width // 3)
    end = min(len(original), start + width)
    window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    parts = _split(original[start:end], window)
    if start > 0:
        parts.insert(0, ("…", False))
    if end < len(original):
        parts.append(("…", False))
    return parts

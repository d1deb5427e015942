"""Text normalisation and bigram tokens, identical for documents and queries.

Exactness is defined on normalised text: an item matches a word when the word occurs in
the item's normalised text. Normalising means NFKC (full-width to half-width), folding
traditional characters to simplified (OpenCC t2s), lower case, and one canonical form
for document numbers (国办发[2017]47号 and 国办发2017年47号 become 国办发〔2017〕47号).

Every non-space character position yields one token: the bigram starting there, or the
lone character at the end of a run of non-space characters. A word of two or more
characters is then the phrase of its bigrams at consecutive positions; a single
character is a prefix match on the tokens.
"""

import re
import unicodedata
from collections import Counter
from functools import cache

import opencc

# Words longer than this are refused; chunks overlap by as much so no word is cut.
MAX_WORD_LENGTH = 100
MAX_WORDS = 8
# A tsvector keeps positions up to 16,383 and at most 256 positions per lexeme.
CHUNK_TOKENS = 4000
MAX_TOKEN_REPEATS = 255

_WHITESPACE = re.compile(r"\s+")
_OPEN = "[〔【(（［{"
_CLOSE = "]〕】)）］}"
# 〔2017〕47号 in any bracket, and 发2017年47号 right after the issuer's characters.
_DOC_NUMBER_BRACKETS = re.compile(rf"[{re.escape(_OPEN)}]\s*(\d{{4}})\s*[{re.escape(_CLOSE)}]\s*(\d{{1,6}})\s*号")
_DOC_NUMBER_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])(\d{4})年(\d{1,6})号")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _canonical_document_numbers(text: str) -> str:
    text = _DOC_NUMBER_BRACKETS.sub(r"〔\1〕\2号", text)
    return _DOC_NUMBER_YEAR.sub(r"〔\1〕\2号", text)


def normalize(text: str) -> str:
    """The form in which documents are indexed and queries are matched."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFKC", text):  # the quick check is far cheaper than normalising
        text = unicodedata.normalize("NFKC", text)
    text = _t2s().convert(text).lower()
    return _canonical_document_numbers(text)


@cache
def _normalize_char(char: str) -> str:
    return _t2s().convert(unicodedata.normalize("NFKC", char)).lower()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise character by character, keeping for each output character its source offset.

    Used to highlight matches in the original text; document numbers are canonicalised too.
    """
    parts, origins = [], []
    for offset, char in enumerate(text):
        normal = _normalize_char(char)
        parts.append(normal)
        origins.extend([offset] * len(normal))
    normal = "".join(parts)
    out, out_origins, last = [], [], 0
    for pattern in (_DOC_NUMBER_BRACKETS, _DOC_NUMBER_YEAR):
        out, out_origins, last = [], [], 0
        for match in pattern.finditer(normal):
            out.append(normal[last : match.start()])
            out_origins.extend(origins[last : match.start()])
            replacement = f"〔{match.group(1)}〕{match.group(2)}号"
            out.append(replacement)
            # Every character of the replacement points inside the source span.
            span = origins[match.start() : match.end()]
            out_origins.extend(span[min(i, len(span) - 1)] for i in range(len(replacement)))
            last = match.end()
        out.append(normal[last:])
        out_origins.extend(origins[last:])
        normal, origins = "".join(out), out_origins
    return normal, origins


def query_words(query: str) -> list[str]:
    """The normalised words of a query: spaces separate words, all of which must match."""
    words = []
    for word in normalize(query).split():
        if word not in words:
            words.append(word)
    return words


def tokens(text: str) -> list[str]:
    """One token per non-space character of normalised text: its bigram or, at a run's end, itself."""
    found: list[str] = []
    for run in text.split():
        found.extend(map(str.__add__, run, run[1:]))  # map keeps the loop in C: indexing is the hot path
        found.append(run[-1])
    return found


def word_bigrams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


def chunks(text: str) -> list[str]:
    """Split normalised text into overlapping pieces whose tokens fit a tsvector.

    A piece ends before CHUNK_TOKENS tokens or before any token repeats more than
    MAX_TOKEN_REPEATS times; the next piece starts MAX_WORD_LENGTH characters earlier,
    so every word up to that length lies wholly inside one piece.
    """
    text = _WHITESPACE.sub(" ", text).strip()
    if _fits(tokens(text)):
        return [text]
    pieces, start = [], 0
    while True:
        end = _chunk_end(text, start)
        pieces.append(text[start:end])
        if end >= len(text):
            return pieces
        start = max(start + 1, end - MAX_WORD_LENGTH)


def _fits(found: list[str]) -> bool:
    return len(found) <= CHUNK_TOKENS and max(Counter(found).values(), default=0) <= MAX_TOKEN_REPEATS


def _chunk_end(text: str, start: int) -> int:
    counts: Counter[str] = Counter()
    size = 0
    for i in range(start, len(text)):
        if text[i] == " ":
            continue
        token = text[i : i + 2]
        counts[token] += 1
        size += 1
        if size > CHUNK_TOKENS or counts[token] > MAX_TOKEN_REPEATS:
            return i
    return len(text)


# PostgreSQL: a tsvector built from our tokens (no parser, so no locale or config).


def _pg_quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(text: str) -> str:
    """`'ab':1 'bc':2 …`; PostgreSQL merges the positions of repeated lexemes itself."""
    found = tokens(text)
    if not found:
        return ""
    if "'" in text or "\\" in text:
        found = [_pg_quote(token)[1:-1] for token in found]
    # Concatenation through map stays in C: several times faster than formatting each token.
    return "'" + "".join(map(str.__add__, found, _position_suffixes(len(found))))[:-2]


@cache
def _position_suffixes(count: int) -> list[str]:
    return [f"':{position} '" for position in range(1, count + 1)]


def tsquery_literal(word: str, phrase: bool = True) -> str:
    """The word as a phrase of its bigrams; without `phrase`, just all its bigrams (a superset)."""
    if len(word) == 1:
        return f"{_pg_quote(word)}:*"
    return (" <-> " if phrase else " & ").join(_pg_quote(bigram) for bigram in word_bigrams(word))


# SQLite FTS5: each token spelled as hex code points, which the unicode61 tokenizer keeps whole.


def _hex(token: str) -> str:
    return "".join(f"{ord(char):06x}" for char in token)


def fts_tokens(text: str) -> str:
    return " ".join(_hex(token) for token in tokens(text))


def fts_match(word: str) -> str:
    if len(word) == 1:
        return f'"{_hex(word)}"*'
    return '"' + " ".join(_hex(bigram) for bigram in word_bigrams(word)) + '"'

"""Text normalisation and bigram tokens, identical for documents and queries.

Exactness is defined on normalised text: an item matches a word when the word occurs in
the item's normalised text. Normalising means NFKC (full-width to half-width), folding
traditional characters to simplified (OpenCC t2s), lower case, and one canonical form
for document numbers (国办发[2017]47号 and 国办发2017年47号 become 国办发〔2017〕47号).

Every non-space character position yields one token: the bigram starting there, or the
lone character at the end of a run of non-space characters. A text holding a word holds
all of the word's bigrams (a single character: a token starting with it); that is exact
for words of one or two characters, and for longer ones the text itself is checked.
"""

import bisect
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from functools import cache

import opencc

from catalog.document_numbers import (
    CANONICAL,
    IN_BRACKETS,
    WHITESPACE,
    WITH_YEAR,
    canonical_document_numbers,
    nfkc,
)

# Words longer than this are refused; chunks overlap by as much so no word is cut.
MAX_WORD_LENGTH = 100
MAX_WORDS = 8
# Long texts (a 50-page PDF) are cut into pieces of this many tokens: a candidate is then
# checked on a few kilobytes, not on its whole text, and a tsvector stays far below 1 MB.
CHUNK_TOKENS = 4000
# Tokens in more chunks than this are not asked of the index for words the text check settles.
COMMON_TOKEN_SHARE = 0.1


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Zero-width characters that text pasted from web pages and Word carries unseen, inside words.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalize(text: str) -> str:
    """The form in which documents are indexed and queries are matched."""
    if not text:
        return ""
    text = _t2s().convert(nfkc(text.translate(ZERO_WIDTH))).lower()
    return canonical_document_numbers(text)


@cache
def _normalize_char(char: str) -> str:
    return _t2s().convert(unicodedata.normalize("NFKC", char.translate(ZERO_WIDTH))).lower()


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
    out: list[str]
    out_origins: list[int]
    for pattern in (IN_BRACKETS, WITH_YEAR):
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


# A word that is a 文号 without its issuer (2017年47号): indexed texts hold it after the issuer, so in brackets.
BARE_NUMBER_WITH_YEAR = re.compile(r"^(\d{4})年(\d{1,6})号$")


def query_words(query: str) -> list[str]:
    """The normalised words of a query: spaces separate words, all of which must match."""
    words = []
    for word in normalize(query).split():
        word = BARE_NUMBER_WITH_YEAR.sub(CANONICAL, word)
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
    """Split normalised text into overlapping pieces of at most CHUNK_TOKENS tokens.

    The next piece starts MAX_WORD_LENGTH characters before the previous one ends, so
    every word up to that length lies wholly inside one piece.
    """
    text = WHITESPACE.sub(" ", text).strip()
    positions = [i for i, char in enumerate(text) if char != " "]  # one token each
    pieces, first = [], 0  # `first`: index in `positions` of the piece's first token
    while first + CHUNK_TOKENS < len(positions):
        start, end = positions[first], positions[first + CHUNK_TOKENS]
        pieces.append(text[start:end])
        first = max(first + 1, bisect.bisect_left(positions, end - MAX_WORD_LENGTH))
    pieces.append(text[positions[first] :] if positions else text)
    return pieces


# PostgreSQL: a tsvector of the distinct tokens, without positions (no parser, so no
# locale or text-search configuration matters); the GIN index finds the chunks holding
# every token of a query, and the chunk's text settles longer words.


def _pg_quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(text: str, published_on: date | None = None) -> str:
    """`'ab' 'bc' …`: each distinct token once, and the month of publication (see month_lexeme)."""
    lexemes = sorted(set(tokens(text)))
    if published_on is not None:
        lexemes.append(month_lexeme(published_on))
    return " ".join(map(_pg_quote, lexemes))


def month_lexeme(day: date) -> str:
    """` 2025-08`: the space keeps it apart from every token, which never holds one."""
    return f" {day.year:04d}-{day.month:02d}"


def months_query(since: date, until: date) -> str:
    """Chunks of items published in any month from `since`'s to `until`'s."""
    months, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(_pg_quote(month_lexeme(date(year, month, 1))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return " | ".join(months)


def tsquery_literal(words: list[str], frequency: Mapping[str, float] | None = None) -> str:
    """Chunks holding every token of every word (a superset of those holding the words).

    A word that the text check settles anyway (three characters or more) leaves out its
    tokens found in more than COMMON_TOKEN_SHARE of chunks by `frequency`: they cost the
    index most and narrow the candidates least. It keeps its least frequent one at least.
    """
    found: list[str] = []
    for word in words:
        if len(word) == 1:  # held by the tokens that start with it
            found.append(f"{_pg_quote(word)}:*")
            continue
        tokens = word_bigrams(word)
        if frequency and not settled_by_tokens(word):
            rare = [token for token in tokens if frequency.get(token, 0.0) <= COMMON_TOKEN_SHARE]
            tokens = rare or [min(tokens, key=lambda token: frequency.get(token, 0.0))]
        found.extend(map(_pg_quote, tokens))
    return " & ".join(dict.fromkeys(found))


def settled_by_tokens(word: str) -> bool:
    """Whether holding the word's tokens means holding the word (one or two characters)."""
    return len(word) <= 2


# SQLite FTS5: each token spelled as hex code points, which the unicode61 tokenizer keeps whole.


def _hex(token: str) -> str:
    return "".join(f"{ord(char):06x}" for char in token)


def fts_tokens(text: str) -> str:
    return " ".join(_hex(token) for token in tokens(text))


def fts_match(word: str) -> str:
    if len(word) == 1:
        return f'"{_hex(word)}"*'
    return '"' + " ".join(_hex(bigram) for bigram in word_bigrams(word)) + '"'

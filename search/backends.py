"""The index beside search_searchchunk, one small class per database.

PostgreSQL: a tsvector of each chunk's bigram tokens with GIN indexes; the index finds the
chunks holding a query's tokens and strpos on the chunk's text settles longer words.
SQLite: a contentless FTS5 table over hex-spelled bigram tokens, words as phrase queries.
SQLite 3.40 has no contentless_delete, so removing a chunk replays its tokens through
FTS5's 'delete' command. Any other database scans the normalised text with LIKE: exact,
only slower.
"""

import time
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import QuerySet

from . import text

if TYPE_CHECKING:
    from .postgres_matches import Found

# Counting every match of a very common word is the slow part of any search: an exact count
# checks at most this many matches. Past it SQLite says "500 条以上", PostgreSQL "约 N 条".
COUNT_CAP = 500


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _seq(title_only: bool) -> str:
    # Chunk 0 is the title, chunks 1… the whole text (see search.indexing.item_chunks).
    return "seq = 0" if title_only else "seq > 0"


class ScanBackend:
    """Exact everywhere, used where no index exists."""

    def write(self, cursor, item_id: int, published_on: date | None, pieces: Sequence[str]) -> None:
        cursor.executemany(
            "INSERT INTO search_searchchunk (item_id, seq, text, published_on) VALUES (%s, %s, %s, %s)",
            [(item_id, seq, piece, published_on) for seq, piece in enumerate(pieces)],
        )

    def delete(self, cursor, item_ids: Iterable[int]) -> None:
        for item_id in item_ids:
            cursor.execute("DELETE FROM search_searchchunk WHERE item_id = %s", [item_id])

    def delete_all(self, cursor) -> None:
        cursor.execute("DELETE FROM search_searchchunk")

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        """SQL selecting the ids of items whose normalised text (or title) contains `word`."""
        sql = f"SELECT item_id FROM search_searchchunk WHERE text LIKE %s ESCAPE '\\' AND {_seq(title_only)}"
        return sql, [_like_pattern(word)]

    def newest_matches(
        self, scope: QuerySet, words: list[str], wanted: int, filtered: bool, title_only: bool = False
    ) -> "Found | None":
        """The newest `wanted` matches of `scope` and their count, found by this backend's own engine;
        None when it has none, and the database filters, counts (to COUNT_CAP) and orders the matches."""
        return None


class PostgresBackend(ScanBackend):
    def newest_matches(
        self, scope: QuerySet, words: list[str], wanted: int, filtered: bool, title_only: bool = False
    ) -> "Found":
        """Only the matches up to the page are put in order, the count estimated past COUNT_CAP."""
        # Imported here: the engine asks this module for its backend.
        from .postgres_matches import newest_matches

        return newest_matches(scope, words, wanted, filtered, title_only)

    def write(self, cursor, item_id: int, published_on: date | None, pieces: Sequence[str]) -> None:
        cursor.executemany(
            "INSERT INTO search_searchchunk (item_id, seq, text, published_on, vector) "
            "VALUES (%s, %s, %s, %s, %s::tsvector)",
            [
                (item_id, seq, piece, published_on, text.tsvector_literal(piece, published_on))
                for seq, piece in enumerate(pieces)
            ],
        )

    def delete(self, cursor, item_ids: Iterable[int]) -> None:
        cursor.execute("DELETE FROM search_searchchunk WHERE item_id = ANY(%s)", [list(item_ids)])

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        sql = f"SELECT item_id FROM search_searchchunk WHERE vector @@ %s::tsquery AND {_seq(title_only)}"
        if text.settled_by_tokens(word):
            return sql, [text.tsquery_literal([word])]
        return sql + " AND strpos(text, %s) > 0", [text.tsquery_literal([word]), word]

    def candidates(
        self, words: list[str], limit: int | None, title_only: bool = False, months: tuple[date, date] | None = None
    ) -> list[tuple] | None:
        """(item id, scattered) of the chunks holding every token of every word, newest first.

        None when more than `limit` chunks do. `months` (first, last) keeps to items published
        in those months. Only the index and the small chunk rows are read, no text. Several
        words may also lie in different chunks of a long text: such an item has a chunk after
        the first holding one of them ("scattered"), found through a small index of its own.
        """
        frequency = self.token_frequency()
        within = f" & ({text.months_query(*months)})" if months else ""
        chunks = "SELECT item_id, published_on, {} FROM search_searchchunk WHERE vector @@ %s::tsquery AND {}"
        sql = chunks.format("false", _seq(title_only))
        params: list = [f"({text.tsquery_literal(words, frequency)}){within}"]
        if limit is not None:
            sql, params = f"{sql} LIMIT %s", [*params, limit + 1]
        if len(words) > 1 and not title_only:
            sql = f"({sql}) UNION ALL ({chunks.format('true', 'seq > 1')})"
            any_word = " | ".join(f"({text.tsquery_literal([word], frequency)})" for word in words)
            params.append(f"({any_word}){within}")
        with transaction.atomic(), connection.cursor() as cursor:
            # Under a LIMIT the planner may guess that scanning every chunk finds enough
            # rows soon; that reads every vector. The index never does.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"SELECT item_id, scattered FROM ({sql}) AS held (item_id, published_on, scattered) "
                "ORDER BY published_on DESC, item_id DESC",
                params,
            )
            rows = cursor.fetchall()
        if limit is not None and sum(not scattered for _, scattered in rows) > limit:
            return None
        return rows

    def token_frequency(self) -> dict[str, float]:
        """The share of chunks holding each of the most common tokens, from the planner's statistics.

        Read again every hour: ANALYZE (autovacuum) refreshes them as the catalog grows.
        """
        if time.monotonic() - self._frequency_read_at > 3600:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                    "WHERE tablename = 'search_searchchunk' AND attname = 'vector' AND schemaname = current_schema()"
                )
                row = cursor.fetchone()
            self._frequency = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
            self._frequency_read_at = time.monotonic()
        return self._frequency

    _frequency: dict[str, float] = {}
    _frequency_read_at = float("-inf")

    def contains(self, item_column: str, words: list[str], title_only: bool = False) -> tuple[str, list]:
        """A condition on `item_column`: the item's text holds every word (its title: all in one chunk)."""

        def exists(tests: str) -> str:
            # OFFSET 0 keeps it a test of each item through the item's own chunks: as a join,
            # PostgreSQL may choose to read every chunk's text first.
            return (
                f"EXISTS (SELECT 1 FROM search_searchchunk c WHERE c.item_id = {item_column} "
                f"AND c.{_seq(title_only)} AND {tests} OFFSET 0)"
            )

        test = "strpos(c.text, %s) > 0"
        if title_only:
            return exists(" AND ".join([test] * len(words))), list(words)
        return " AND ".join(exists(test) for _ in words), list(words)


class SqliteBackend(ScanBackend):
    def write(self, cursor, item_id: int, published_on: date | None, pieces: Sequence[str]) -> None:
        for seq, piece in enumerate(pieces):
            cursor.execute(
                "INSERT INTO search_searchchunk (item_id, seq, text, published_on) VALUES (%s, %s, %s, %s)",
                [item_id, seq, piece, published_on],
            )
            cursor.execute(
                "INSERT INTO search_fts (rowid, tokens) VALUES (%s, %s)", [cursor.lastrowid, text.fts_tokens(piece)]
            )

    def delete(self, cursor, item_ids: Iterable[int]) -> None:
        for item_id in item_ids:
            cursor.execute("SELECT id, text FROM search_searchchunk WHERE item_id = %s", [item_id])
            rows = cursor.fetchall()
            cursor.executemany(
                "INSERT INTO search_fts (search_fts, rowid, tokens) VALUES ('delete', %s, %s)",
                [(chunk_id, text.fts_tokens(piece)) for chunk_id, piece in rows],
            )
            cursor.execute("DELETE FROM search_searchchunk WHERE item_id = %s", [item_id])

    def delete_all(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
        cursor.execute("DELETE FROM search_searchchunk")

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        sql = (
            "SELECT c.item_id FROM search_fts JOIN search_searchchunk c ON c.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND c.{_seq(title_only)}"
        )
        return sql, [text.fts_match(word)]


def _has_index(vendor: str) -> bool:
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'search_searchchunk' AND column_name = 'vector' AND table_schema = current_schema()"
            )
        else:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")
        return cursor.fetchone() is not None


_cache: dict[str, ScanBackend] = {}


def backend() -> ScanBackend:
    """The backend for the default database, chosen once per process."""
    vendor = connection.vendor
    if vendor not in _cache:
        classes = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}
        chosen = classes.get(vendor, ScanBackend)
        _cache[vendor] = chosen() if chosen is not ScanBackend and _has_index(vendor) else ScanBackend()
    return _cache[vendor]

"""The index beside search_searchchunk, one small class per database.

PostgreSQL: a bigram tsvector per chunk with a GIN index; words are phrase queries.
SQLite: a contentless FTS5 table over hex-spelled bigram tokens. SQLite 3.40 has no
contentless_delete, so removing a chunk replays its tokens through FTS5's 'delete' command.
Any other database scans the normalised text with LIKE: exact, only slower.
"""

from collections.abc import Iterable, Sequence

from django.db import connection

from . import text


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ScanBackend:
    """Exact everywhere, used where no index exists."""

    def write(self, cursor, item_id: int, pieces: Sequence[str]) -> None:
        cursor.executemany(
            "INSERT INTO search_searchchunk (item_id, seq, text) VALUES (%s, %s, %s)",
            [(item_id, seq, piece) for seq, piece in enumerate(pieces)],
        )

    def delete(self, cursor, item_ids: Iterable[int]) -> None:
        for item_id in item_ids:
            cursor.execute("DELETE FROM search_searchchunk WHERE item_id = %s", [item_id])

    def delete_all(self, cursor) -> None:
        cursor.execute("DELETE FROM search_searchchunk")

    # Chunk 0 is the title, chunks 1… the whole text (see search.indexing.item_chunks).
    lazy_count = False

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        """SQL selecting the ids of items whose normalised text (or title) contains `word`."""
        sql = "SELECT item_id FROM search_searchchunk WHERE text LIKE %s ESCAPE '\\'"
        return sql + (" AND seq = 0" if title_only else " AND seq > 0"), [_like_pattern(word)]


class PostgresBackend(ScanBackend):
    def write(self, cursor, item_id: int, pieces: Sequence[str]) -> None:
        cursor.executemany(
            "INSERT INTO search_searchchunk (item_id, seq, text, vector) VALUES (%s, %s, %s, %s::tsvector)",
            [(item_id, seq, piece, text.tsvector_literal(piece)) for seq, piece in enumerate(pieces)],
        )

    def delete(self, cursor, item_ids: Iterable[int]) -> None:
        cursor.execute("DELETE FROM search_searchchunk WHERE item_id = ANY(%s)", [list(item_ids)])

    lazy_count = True

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        sql = "SELECT item_id FROM search_searchchunk WHERE vector @@ %s::tsquery"
        return sql + (" AND seq = 0" if title_only else " AND seq > 0"), [text.tsquery_literal(word)]

    def exists_per_item(self, words: list[str]) -> tuple[list[str], list]:
        """WHERE clauses testing each item on its own, for walking the newest items.

        OFFSET 0 keeps PostgreSQL from turning them into a join that first gathers every match.
        """
        clause = (
            "EXISTS (SELECT 1 FROM search_searchchunk c WHERE c.item_id = catalog_item.id "
            "AND c.seq > 0 AND c.vector @@ %s::tsquery OFFSET 0)"
        )
        return [clause] * len(words), [text.tsquery_literal(word) for word in words]

    def chunk_matches(self, words: list[str], limit: int, scope: str | None = None) -> tuple[str, list]:
        """Up to `limit` chunk rows holding every word, of items selected by the SQL `scope` if any.

        A semi-join must recheck every match of a common word before it can count the
        first few hundred; scanning chunk rows under a LIMIT rechecks only as many as needed.
        OFFSET 0 makes the scope a hashed subplan tested row by row, which keeps the scan lazy.
        The parameters of `scope` go between the two returned here.
        """
        query = " & ".join(f"({text.tsquery_literal(word)})" for word in words)
        within = f"AND item_id IN ({scope} OFFSET 0) " if scope else ""
        sql = f"SELECT item_id FROM search_searchchunk WHERE seq > 0 AND vector @@ %s::tsquery {within}LIMIT %s"
        return sql, [query, limit]

    def tail_matches(self, words: list[str]) -> set[int]:
        """Items whose later chunks (seq > 1, long texts only) hold any of the words."""
        query = " | ".join(f"({text.tsquery_literal(word)})" for word in words)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT item_id FROM search_searchchunk WHERE seq > 1 AND vector @@ %s::tsquery", [query]
            )
            return {row[0] for row in cursor.fetchall()}


class SqliteBackend(ScanBackend):
    def write(self, cursor, item_id: int, pieces: Sequence[str]) -> None:
        for seq, piece in enumerate(pieces):
            cursor.execute(
                "INSERT INTO search_searchchunk (item_id, seq, text) VALUES (%s, %s, %s)", [item_id, seq, piece]
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
            "WHERE search_fts MATCH %s"
        )
        return sql + (" AND c.seq = 0" if title_only else " AND c.seq > 0"), [text.fts_match(word)]


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

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Item


class SearchChunk(models.Model):
    """A piece of a published item's normalised text, as indexed.

    Chunk 0 is the title alone; chunks 1… hold the whole text (search.indexing.item_chunks).
    Most items are one such piece; long texts (a 50-page PDF) are cut into overlapping pieces
    of search.text.CHUNK_TOKENS tokens, so a candidate is checked on a few kilobytes and a
    tsvector stays far below its 1 MB limit. The index itself is vendor specific and kept
    beside this table by search.backends: a `vector` tsvector column (distinct tokens and
    the month, no positions) with GIN indexes on PostgreSQL, the FTS5 table `search_fts`
    (rowid = this id) on SQLite.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", db_index=True)
    seq = models.PositiveIntegerField()
    text = models.TextField()
    # The item's date, copied so that matches can be put in date order without a join.
    published_on = models.DateField(null=True)

    class Meta:
        ordering = ["item", "seq"]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="unique_search_chunk")]
        indexes = [
            # The newest texts first, for checking a common word chunk by chunk (search.postgres_matches).
            # "seq >= 1" rather than "seq > 0": PostgreSQL cannot prove the one from the other, so
            # a query for candidates ("seq > 0") never reads this index and tests every vector.
            models.Index(
                F("published_on").desc(), F("item").desc(), name="search_chunk_newest", condition=Q(seq__gte=1)
            )
        ]
        verbose_name = _("索引片段")
        verbose_name_plural = _("索引片段")

    def __str__(self) -> str:
        return f"{self.item_id}#{self.seq}"


class MissedQuery(models.Model):
    """A search that found nothing, kept for staff without any trace of who searched."""

    query = models.CharField(_("检索词"), max_length=200, unique=True)
    times = models.PositiveIntegerField(_("次数"), default=1)
    first_seen = models.DateField(_("首次出现"), auto_now_add=True, db_index=True)
    last_seen = models.DateField(_("最近出现"), auto_now=True)

    class Meta:
        ordering = ["-last_seen", "-times"]
        verbose_name = _("无结果的检索")
        verbose_name_plural = _("无结果的检索")

    def __str__(self) -> str:
        return self.query

"""The search index: one row per public thing that can be found, of any registered source
(``registry.py``: DIP entries, published requests). Rows hold only public text
(PITFALLS.md 12): snippets are built from here, never from the source objects.

The full-text structures live beside this table and are kept out of the ORM because they
differ by database (see ``backends/``): on PostgreSQL a stored, generated ``tsvector``
column with a GIN index; on SQLite an FTS5 table ``search_fts`` whose rowid is this row's id.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    # The registered source's kind (registry.MAX_KIND_CHARS).
    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    body_id = models.PositiveBigIntegerField(db_index=True)
    # Filter values the sources define (registry.Source.categories and .forms).
    category = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    form = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    # Public text only; the snippet source.
    text = models.TextField(blank=True)
    stemmed_title = models.TextField(blank=True)
    stemmed_text = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dokumen indeks pencarian")
        verbose_name_plural = _("dokumen indeks pencarian")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class IndexStamp(models.Model):
    """Which stemmer built the stems stored in the index: one row (id 1).

    ``rebuild_search_index`` writes it; ``rebuild_search_index --if-stale`` and the
    ``search.W001`` check compare it with ``stemming.STEMMER_VERSION``. Migration 0006
    stamped an index that already held documents with the stemmer before issue 11, so an
    upgraded installation is told to rebuild.
    """

    stemmer_version = models.CharField(max_length=100)
    stamped_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("versi stemmer indeks pencarian")
        verbose_name_plural = _("versi stemmer indeks pencarian")

    def __str__(self) -> str:
        return self.stemmer_version

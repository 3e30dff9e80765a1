"""The search index: one row per public thing that can be found (a DIP entry, a published
request). Rows hold only public text (PITFALLS.md 12): snippets are built from here, never
from the source objects.

The full-text structures live beside this table and are kept out of the ORM because they
differ by database (see ``backends/``): on PostgreSQL a stored, generated ``tsvector``
column with a GIN index; on SQLite an FTS5 table ``search_fts`` whose rowid is this row's id.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DIP = "dip", _("Informasi publik (DIP)")
    REQUEST = "request", _("Permohonan yang sudah dijawab")


class Form(models.TextChoices):
    """The available form of a DIP entry (Perki 1/2021 column "bentuk informasi")."""

    SOFTCOPY = "softcopy", _("Softcopy")
    HARDCOPY = "hardcopy", _("Hardcopy")
    BOTH = "both", _("Softcopy dan hardcopy")


class SearchDocument(models.Model):
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    body_id = models.PositiveBigIntegerField(db_index=True)
    category = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    form = models.CharField(max_length=10, choices=Form.choices, blank=True)
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

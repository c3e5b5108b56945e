"""Search's own tables: synonyms, the retry queue, the query log and the database engine's rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.visibility import Visibility


class SearchSynonym(models.Model):
    """Words searchers use for the same thing (AZC, asielzoekerscentrum), edited by moderators."""

    terms = models.CharField(
        _("gelijke termen"),
        max_length=500,
        help_text=_("Termen met dezelfde betekenis, gescheiden door komma's."),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("zoeksynoniem")
        verbose_name_plural = _("zoeksynoniemen")

    def __str__(self):
        return self.terms


class PendingIndexOperation(models.Model):
    """An index update the engine has not taken yet; drained by a retry or a rebuild."""

    class Action(models.TextChoices):
        INDEX = "index", "index"
        REMOVE = "remove", "remove"

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_pending_op_per_item")
        ]

    def __str__(self):
        return f"{self.action} {self.kind}:{self.object_id}"


class SearchQueryLog(models.Model):
    """What people searched for and how much they found; deliberately without who searched."""

    query = models.CharField(_("zoekvraag"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("resultaten"))
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    engine = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zoekopdracht")
        verbose_name_plural = _("zoekopdrachten")

    def __str__(self):
        return f"{self.query} ({self.result_count})"


class SearchEntry(models.Model):
    """One searchable item as the database engine sees it: the index document in a row.

    Kept by the same sync task as the engine's index, so the database fallback serves fresh
    content when the engine is down.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # Normalised (lowercase, folded, stemmed) text per field weight, for matching and scoring.
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    body = models.TextField(blank=True)
    themes = models.CharField(max_length=1000, blank=True)  # "|slug|slug|"
    target_groups = models.CharField(max_length=1000, blank=True)  # "|slug|slug|"
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    province = models.CharField(max_length=30, blank=True)
    evidence_level = models.CharField(max_length=20, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    document = models.JSONField(default=dict)
    # The row's sentence vector (search.embedding: 384 float32) and what it was worked out
    # from; an edit that changes that text clears the vector until the background makes it.
    embedding = models.BinaryField(null=True, editable=False)
    embedding_key = models.CharField(max_length=40, blank=True, editable=False)
    visibility = models.CharField(max_length=12, default=Visibility.PUBLIC)
    allowed_municipalities = models.ManyToManyField(
        "municipalities.Municipality", blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_item")
        ]
        indexes = [
            models.Index(fields=["visibility", "kind"]),
            # The rows still waiting for their vector, for the background job's every pass.
            models.Index(
                fields=["id"],
                condition=models.Q(embedding__isnull=True),
                name="kn_search_entry_no_embedding",
            ),
            # Covers what the database engine reads for every match (filters, facets, date
            # order), so a search never has to step through the long text columns.
            models.Index(
                fields=[
                    "visibility",
                    "kind",
                    "municipality",
                    "province",
                    "evidence_level",
                    "year",
                    "published_at",
                    "themes",
                    "target_groups",
                ],
                name="search_entry_facets",
            ),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class TermStatistics(models.Model):
    """In how many of the database rows each term occurs: the idf of search.feedback.

    One row, worked out again in the background when the collection changes."""

    items = models.PositiveIntegerField()
    frequencies = models.JSONField(default=dict)  # term -> items holding it (at least 2)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = "termstatistiek"

    def __str__(self):
        return f"{self.items} items, {len(self.frequencies)} terms"


class AttachmentText(models.Model):
    """Text extracted from an attachment (PDF/DOCX), capped; extracted once per file version."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.file_name

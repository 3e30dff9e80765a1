"""Answers to the satisfaction survey (SKM, PermenPANRB 14/2017): one per completed request,
with no personal data. Every change goes through ``terbuka.survey.actions``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka import law


def _score_field(label: object) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label)  # type: ignore[arg-type]


class Answer(models.Model):
    """One requester's rating of the service of one request: the nine elements, 1–4.

    It names the request only to keep one answer per request; results, pages and exports
    show counts and means per body, never who answered or his comment."""

    info_request = models.OneToOneField(
        "requests.InfoRequest", on_delete=models.CASCADE, related_name="survey_answer"
    )
    # The unit that served the request and its PPID body, copied for the results.
    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+")
    ppid_body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now, db_index=True)
    u1 = _score_field(law.SKM_ELEMENTS[0][1])
    u2 = _score_field(law.SKM_ELEMENTS[1][1])
    u3 = _score_field(law.SKM_ELEMENTS[2][1])
    u4 = _score_field(law.SKM_ELEMENTS[3][1])
    u5 = _score_field(law.SKM_ELEMENTS[4][1])
    u6 = _score_field(law.SKM_ELEMENTS[5][1])
    u7 = _score_field(law.SKM_ELEMENTS[6][1])
    u8 = _score_field(law.SKM_ELEMENTS[7][1])
    u9 = _score_field(law.SKM_ELEMENTS[8][1])
    # Free text may name the requester: shown to the body's officers only.
    comment = models.TextField(_("saran dan masukan"), blank=True)

    class Meta:
        verbose_name = _("jawaban survei kepuasan")
        verbose_name_plural = _("jawaban survei kepuasan")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    **{f"{code}__gte": law.SKM_MIN_SCORE for code, _label in law.SKM_ELEMENTS},
                    **{f"{code}__lte": law.SKM_MAX_SCORE for code, _label in law.SKM_ELEMENTS},
                ),
                name="survey_scores_1_to_4",
            )
        ]
        indexes = [models.Index(fields=["ppid_body", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.body_id} {self.answered_at:%Y-%m-%d}"

    def scores(self) -> dict[str, int]:
        return {code: getattr(self, code) for code, _label in law.SKM_ELEMENTS}


class Invitation(models.Model):
    """The e-mail inviting the requester to rate a completed request: sent once."""

    info_request = models.OneToOneField(
        "requests.InfoRequest", on_delete=models.CASCADE, related_name="survey_invitation"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.info_request_id} {self.sent_at:%Y-%m-%d}"

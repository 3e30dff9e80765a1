"""Demo answers to the satisfaction survey (``seed_demo``): every answered demo request is
rated through the real action, one with a comment that names a person (which the results
must never show)."""

from __future__ import annotations

from io import TextIOBase

from terbuka.requests.models import InfoRequest, Status
from terbuka.survey import actions
from terbuka.survey.models import Answer

# Nine scores each, cycled over the answered demo requests.
RATINGS = (
    (4, 4, 3, 4, 3, 4, 4, 3, 4),
    (3, 3, 3, 4, 3, 3, 4, 2, 3),
    (4, 3, 4, 4, 4, 4, 4, 3, 3),
    (2, 3, 2, 4, 3, 3, 3, 2, 3),
)
CODES = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def seed(stdout: TextIOBase) -> None:
    answered = (
        InfoRequest.objects.filter(
            idempotency_key__startswith="demo-", status=Status.ANSWERED, survey_answer__isnull=True
        )
        .select_related("requester")
        .order_by("pk")
    )
    made = 0
    for number, info_request in enumerate(answered):
        if actions.refusal(info_request) is not None:
            continue
        comment = ""
        if number == 0:
            comment = f"Terima kasih, saya {info_request.requester_name} puas dengan layanannya."
        actions.answer(
            actor=None,
            info_request=info_request,
            scores=dict(zip(CODES, RATINGS[number % len(RATINGS)], strict=True)),
            comment=comment,
        )
        made += 1
    stdout.write(f"{made} jawaban survei demo ({Answer.objects.count()} seluruhnya).\n")

"""``sweep_monev_files`` deletes evidence files no answer refers to, once they are old
enough, and keeps every file an answer holds."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from terbuka.monev import actions
from terbuka.monev.actions import AnswerInput
from terbuka.monev.models import Answer
from terbuka.testing import PDF_BYTES, World, pdf_upload

from .builders import YEAR, small_questionnaire


def test_it_deletes_only_old_unreferenced_evidence(world: World) -> None:
    small = small_questionnaire()
    assessment = actions.start(actor=world.pelaksana_a, body=world.agency_a, year=YEAR)
    actions.save_answers(
        actor=world.pelaksana_a,
        assessment=assessment,
        answers={small.yes_no.pk: AnswerInput(value="tidak", upload=pdf_upload())},
    )
    kept = Answer.objects.get(question=small.yes_no).evidence_file.name
    orphan = default_storage.save("monev/orphan.pdf", ContentFile(PDF_BYTES))
    out = io.StringIO()
    call_command("sweep_monev_files", stdout=out)
    assert "0 berkas" in out.getvalue()  # the orphan is too young yet
    with time_machine.travel(dt.timedelta(hours=2)):
        call_command("sweep_monev_files", stdout=out)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept)

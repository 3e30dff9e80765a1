"""Evidence files of a monev answer: a PDF, judged by its bytes through the one upload
check (``terbuka.uploads.sniff``), at most ``MAX_SIZE`` (the KI's SAQ takes about 2 MB a
question). Stored under a random name; a caller that fails after storing deletes what it
stored (PITFALLS 6), so a refused or rolled-back save leaves no orphan file. A process
killed between storing and committing can still leave one: ``sweep_orphans`` (``manage.py
sweep_monev_files``, from cron) deletes those."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import storage, uploads

MB = 1024 * 1024
MAX_SIZE = 2 * MB
STORAGE_DIR = "monev"


@dataclass(frozen=True)
class Checked:
    upload: Any
    name: str  # the name shown and offered on download


def describe_limits() -> str:
    return _("PDF, paling besar %(max)s MB.") % {"max": MAX_SIZE // MB}


def check(upload: Any) -> Checked:
    """The upload if it is a PDF within the limit; else ``ValidationError`` saying what to
    do."""
    size = int(getattr(upload, "size", 0) or 0)
    if size <= 0:
        raise ValidationError(_("Berkas bukti kosong (0 bita). Pilih berkas yang berisi."))
    if size > MAX_SIZE:
        raise ValidationError(
            _("Berkas bukti paling besar %(max)s MB; berkas ini %(size).1f MB.")
            % {"max": MAX_SIZE // MB, "size": size / MB}
        )
    upload.seek(0)
    if uploads.sniff(upload) != uploads.PDF:
        raise ValidationError(
            _("Berkas bukti harus PDF; berkas ini bukan PDF. Simpan atau pindai sebagai PDF.")
        )
    upload.seek(0)
    original = str(getattr(upload, "name", "") or "bukti.pdf")
    return Checked(upload=upload, name=original.replace("\\", "/").rsplit("/", 1)[-1][:200])


def store(checked: Checked) -> str:
    checked.upload.seek(0)
    return default_storage.save(f"{STORAGE_DIR}/{uuid.uuid4().hex}.pdf", checked.upload)


def discard(names: list[str]) -> None:
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def sweep_orphans(older_than: dt.timedelta = dt.timedelta(hours=1)) -> list[str]:
    """Delete evidence files no answer refers to, older than ``older_than`` (a younger one
    may belong to a save still running)."""
    from terbuka.monev.models import Answer

    return storage.sweep(
        STORAGE_DIR,
        older_than=timezone.now() - older_than,
        keep=lambda name: Answer.objects.filter(evidence_file=name).exists(),
    )

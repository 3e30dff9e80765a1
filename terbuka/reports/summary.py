"""The Ringkasan akses informasi publik (UU 14/2008 Pasal 12 huruf a–d): every semester
each body with its own PPID publishes, as a berkala entry of its DIP (Pasal 9(2)),

a. the number of requests received;
b. the time taken to fulfil them;
c. the number granted in full or in part, and refused;
d. the reasons for refusal.

The figures are the statistics module's (the same numbers as the officers' page); the
summary carries no personal data (Pasal 17 huruf h): counts, working days and Pasal 17
grounds only. It is written through ``catalog.actions`` as the system (``actor=None``):
one entry per body and semester, found again by its ``source_key`` and updated, with a
PDF and an XLSX document whose new versions are added only when the figures changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka import tabular
from terbuka.bodies.models import Body
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog.models import Category, Entry
from terbuka.reports import statistics
from terbuka.reports.periods import Period
from terbuka.requests.models import Channel, Outcome

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
PDF_TITLE = "Ringkasan akses (PDF)"
XLSX_TITLE = "Ringkasan akses (XLSX)"


def source_key(period: Period) -> str:
    return f"terbuka:ringkasan-akses:{period.key}"


def title(stats: statistics.Statistics) -> str:
    return _("Ringkasan akses informasi publik %(period)s") % {"period": stats.period.label()}


def paragraphs(stats: statistics.Statistics) -> list[str]:
    """The summary as text, one paragraph per letter of Pasal 12."""
    lead = _(
        "Ringkasan akses informasi publik %(body)s, %(period)s (UU 14/2008 Pasal 12),"
        " dihitung dari permohonan yang diterima pada periode ini."
    ) % {"body": stats.body.name, "period": stats.period.label()}
    if stats.received == 0:
        return [lead, _("Tidak ada permohonan informasi publik yang diterima pada periode ini.")]
    timing = stats.timing
    channels = ", ".join(f"{Channel(key).label} {n}" for key, n in stats.by_channel.items() if n)
    a = _("a. Jumlah permohonan yang diterima: %(n)s (%(channels)s).") % {
        "n": stats.received,
        "channels": channels,
    }
    if timing.answered:
        b = _(
            "b. Waktu pemenuhan: %(answered)s permohonan diberi pemberitahuan tertulis, median"
            " %(median)s hari kerja, persentil ke-90 %(p90)s hari kerja; %(within)s tepat"
            " waktu dalam 10 hari kerja, %(extended)s tepat waktu dengan perpanjangan,"
            " %(late)s terlambat."
        ) % {
            "answered": timing.answered,
            "median": statistics.display(timing.median),
            "p90": timing.p90,
            "within": timing.within_10,
            "extended": timing.on_time_extended,
            "late": timing.late,
        }
    else:
        b = _("b. Waktu pemenuhan: belum ada permohonan yang diberi pemberitahuan tertulis.")
    outcomes = stats.outcomes
    c = _(
        "c. Dikabulkan seluruhnya: %(full)s; dikabulkan sebagian: %(part)s; ditolak: %(refused)s;"
        " informasi tidak dikuasai: %(not_held)s; belum didokumentasikan: %(not_yet)s;"
        " dicabut pemohon: %(withdrawn)s; belum dijawab: %(open)s."
    ) % {
        "full": outcomes[Outcome.GRANTED],
        "part": outcomes[Outcome.GRANTED_IN_PART],
        "refused": outcomes[Outcome.REFUSED_EXEMPT],
        "not_held": outcomes[Outcome.NOT_HELD],
        "not_yet": outcomes[Outcome.NOT_YET_DOCUMENTED],
        "withdrawn": outcomes[statistics.WITHDRAWN],
        "open": outcomes[statistics.OPEN],
    }
    if stats.refusals_by_ground:
        grounds = "; ".join(
            _("%(ground)s: %(n)s") % {"ground": stats.figure(f"refused.{code}").label, "n": n}
            for code, n in stats.refusals_by_ground.items()
        )
        d = _("d. Alasan penolakan: %(grounds)s.") % {"grounds": grounds}
    else:
        d = _("d. Alasan penolakan: tidak ada permohonan yang ditolak.")
    return [lead, a, b, c, d]


def text(stats: statistics.Statistics) -> str:
    return "\n\n".join(paragraphs(stats))


def pdf_bytes(stats: statistics.Statistics) -> bytes:
    return tabular.pdf_bytes(
        "reports/summary_pdf.html",
        {
            "stats": stats,
            "title": title(stats),
            "paragraphs": paragraphs(stats),
            "generated": timezone.localtime(),
        },
    )


def xlsx_bytes(stats: statistics.Statistics) -> bytes:
    return tabular.xlsx_bytes(
        title=_("Ringkasan akses"),
        headers=statistics.headers(),
        rows=stats.rows(),
        widths=(40, 60, 12),
    )


@dataclass(frozen=True)
class Published:
    entry: Entry
    result: str  # CREATED, UPDATED or UNCHANGED


def attach(entry: Entry, name: str, label: str, content: bytes, content_type: str) -> None:
    """Add the document ``label`` to the entry, or a new version of it if it is there."""
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    document = entry.documents.filter(title=label).first()
    if document is None:
        catalog_actions.add_document(actor=None, entry=entry, title=label, upload=upload)
    else:
        catalog_actions.add_version(actor=None, document=document, upload=upload)


def publish(body: Body, period: Period, *, today: dt.date | None = None) -> Published:
    """Create or update the body's Ringkasan akses for ``period`` in its DIP."""
    stats = statistics.compute(body, period)
    summary = text(stats)
    today = today or timezone.localdate()
    with transaction.atomic():
        entry = Entry.objects.filter(body=body, source_key=source_key(period)).first()
        if entry is not None and entry.summary == summary:
            return Published(entry, UNCHANGED)
        fields = {
            "title": title(stats),
            "summary": summary,
            "last_updated_on": today,
        }
        if entry is None:
            entry = catalog_actions.create_entry(
                actor=None,
                body=body,
                category=Category.BERKALA,
                holder=_("PPID %(body)s") % {"body": body.name},
                responsible=_("PPID Utama"),
                created_when=period.label(),
                created_where=body.name,
                available_softcopy=True,
                available_hardcopy=False,
                retention=_("Permanen"),
                tags=_("ringkasan akses, statistik layanan"),
                published_on=today,
                source_key=source_key(period),
                **fields,
            )
            result = CREATED
        else:
            entry = catalog_actions.update_entry(actor=None, entry=entry, **fields)
            result = UPDATED
        base = f"ringkasan-akses-{body.slug}-{period.key}"
        attach(entry, f"{base}.pdf", PDF_TITLE, pdf_bytes(stats), "application/pdf")
        attach(entry, f"{base}.xlsx", XLSX_TITLE, xlsx_bytes(stats), tabular.XLSX_TYPE)
    return Published(entry, result)


def bodies() -> list[Body]:
    """Every active body with its own PPID: each publishes its summary."""
    return list(Body.objects.active().filter(has_own_ppid=True).order_by("name"))

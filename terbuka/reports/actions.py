"""Every state change of an annual report (Perki 1/2021 Pasal 56).

Keyword-only and atomic; each takes the acting user, re-reads the report under
``select_for_update``, checks the actor's right (``bodies.permissions``), saves and writes
an audit record (never the narrative text). A refused action raises ``ActionError`` (a
complete Indonesian sentence) and changes nothing. A final report is never changed: the
next version is a draft copied from it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, override

from terbuka.audit import log as audit_log
from terbuka.bodies import permissions
from terbuka.bodies.models import Body
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog.models import Category, Entry
from terbuka.reports import annual, summary
from terbuka.reports.models import NARRATIVE_FIELDS, AnnualReport, Status
from terbuka.requests.errors import ActionError

FIRST_YEAR = 2008  # UU 14/2008


def source_key(year: int) -> str:
    return f"terbuka:laporan-tahunan:{year}"


def _check(actor: Any, body: Body) -> None:
    if not permissions.can_edit_annual_report(actor, body):
        raise PermissionDenied


def _audit(actor: Any, report: AnnualReport, kind: str, **detail: Any) -> None:
    audit_log.record(
        actor=actor,
        action=f"annual_report.{kind}",
        obj=report,
        summary=f"{report.body.slug} {report.year} v{report.version}",
        detail=detail,
    )


def _lock(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("body").get(pk=report.pk)


@transaction.atomic
def start_draft(*, actor: Any, body: Body, year: int) -> AnnualReport:
    """Open the draft of ``body``'s report for ``year``: the first version, or the next one
    with the narrative of the last final version. One open draft per body and year."""
    _check(actor, body)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ActionError(gettext("Laporan tahunan hanya untuk tahun yang sudah berjalan."))
    Body.objects.select_for_update().get(pk=body.pk)  # one starter at a time per body
    reports = AnnualReport.objects.filter(body=body, year=year)
    if reports.filter(status=Status.DRAFT).exists():
        raise ActionError(gettext("Sudah ada draf laporan tahunan ini; lanjutkan draf itu."))
    last = reports.order_by("-version").first()
    report = AnnualReport(
        body=body,
        year=year,
        version=(reports.aggregate(n=Max("version"))["n"] or 0) + 1,
        status=Status.DRAFT,
    )
    if last is not None:
        for name in NARRATIVE_FIELDS:
            setattr(report, name, getattr(last, name))
    report.save()
    _audit(actor, report, "start", copied_from=last.version if last else None)
    return report


@transaction.atomic
def save_narrative(*, actor: Any, report: AnnualReport, **fields: str) -> AnnualReport:
    """Save the narrative sections of a draft."""
    unknown = set(fields).difference(NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    report = _lock(report)
    _check(actor, report.body)
    if report.is_final:
        raise ActionError(gettext("Laporan yang sudah final tidak dapat diubah; buat versi baru."))
    changed = sorted(name for name, value in fields.items() if getattr(report, name) != value)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    _audit(actor, report, "save", fields=changed)
    return report


@transaction.atomic
def finalise(*, actor: Any, report: AnnualReport) -> AnnualReport:
    """Make the draft final: keep its figures as they are today, and publish it (its PDF)
    as setiap-saat information in the body's DIP (UU 14/2008 Pasal 11)."""
    report = _lock(report)
    _check(actor, report.body)
    if report.is_final:
        raise ActionError(gettext("Laporan ini sudah final."))
    missing = [name for name in NARRATIVE_FIELDS if not getattr(report, name).strip()]
    if missing:
        titles = annual.narrative_titles()
        raise ActionError(
            gettext("Lengkapi dulu bagian: %(parts)s.")
            % {"parts": "; ".join(titles[name] for name in missing)}
        )
    with override("id"):  # the report is published in Indonesian
        report.figures = annual.snapshot(report.body, report.year)
    report.status = Status.FINAL
    report.finalised_at = timezone.now()
    report.finalised_by = actor
    report.entry = _publish(report)
    report.save()
    _audit(actor, report, "finalise")
    return report


def _publish(report: AnnualReport) -> Entry:
    """The report's DIP entry (one per body and year; each version adds a new version of
    its PDF), written as the system like the Ringkasan akses."""
    with override("id"):
        item = annual.content(report)
        title = item.title()
        pdf = annual.pdf_bytes(item)
        body = report.body
        today = timezone.localdate()
        fields = {
            "title": title,
            "summary": gettext(
                "Laporan layanan informasi publik tahun %(year)s (Perki 1/2021 Pasal 56),"
                " versi %(version)s."
            )
            % {"year": report.year, "version": report.version},
            "last_updated_on": today,
        }
        entry = Entry.objects.filter(body=body, source_key=source_key(report.year)).first()
        if entry is None:
            entry = catalog_actions.create_entry(
                actor=None,
                body=body,
                category=Category.SETIAP_SAAT,
                holder=gettext("PPID %(body)s") % {"body": body.name},
                responsible=gettext("PPID Utama"),
                created_when=str(report.year),
                created_where=body.name,
                available_softcopy=True,
                available_hardcopy=False,
                retention=gettext("Permanen"),
                tags=gettext("laporan tahunan, laporan layanan informasi publik"),
                published_on=today,
                source_key=source_key(report.year),
                **fields,
            )
        else:
            entry = catalog_actions.update_entry(actor=None, entry=entry, **fields)
        summary.attach(
            entry,
            f"laporan-tahunan-{body.slug}-{report.year}.pdf",
            gettext("Laporan tahunan (PDF)"),
            pdf,
            "application/pdf",
        )
    return entry

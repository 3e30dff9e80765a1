"""Demo reports (``seed_demo``).

- Ringkasan akses: each demo PPID body publishes the summary of the semester the demo
  requests fall in (the current one, counted so far) and of the one before, so the public
  DIP shows what ``publish_access_summary`` writes every semester.
- Annual report: each demo PPID body has last year's report finalised (published in its
  DIP) and a draft of this year's, written by its PPID Utama.

Safe to repeat: an unchanged summary is left as it is, an existing annual report too."""

from __future__ import annotations

from io import TextIOBase

from django.utils import timezone

from terbuka.bodies import permissions
from terbuka.bodies.models import Body, RoleKind
from terbuka.reports import actions, periods, summary
from terbuka.reports.models import AnnualReport

NARRATIVE = {
    "service_policy": (
        "Layanan informasi publik diselenggarakan berdasarkan Keputusan Kepala Daerah tentang"
        " PPID dan Standar Operasional Prosedur layanan informasi."
    ),
    "facilities": (
        "Meja layanan informasi di lantai dasar, layanan daring melalui portal ini; dua"
        " petugas layanan dan satu operator; anggaran layanan informasi dalam DPA Diskominfo."
    ),
    "obstacles": (
        "Internal: petugas PPID Pelaksana merangkap tugas lain. Eksternal: sebagian pemohon"
        " belum mengetahui prosedur keberatan."
    ),
    "recommendations": (
        "Menambah petugas layanan, melatih uji konsekuensi bagi PPID Pelaksana, dan"
        " memperluas sosialisasi hak atas informasi."
    ),
}


def _annual(body: Body, stdout: TextIOBase) -> None:
    utama = permissions.officers_of([body], [RoleKind.UTAMA]).first()
    if utama is None:
        return
    this_year = timezone.localdate().year
    for year, final in ((this_year - 1, True), (this_year, False)):
        if AnnualReport.objects.filter(body=body, year=year).exists():
            continue
        report = actions.start_draft(actor=utama, body=body, year=year)
        report = actions.save_narrative(actor=utama, report=report, **NARRATIVE)
        if final:
            report = actions.finalise(actor=utama, report=report)
        stdout.write(f"Laporan tahunan {body.name} {year}: {report.status}\n")


def seed(stdout: TextIOBase) -> None:
    current = periods.semester_of(timezone.localdate())
    for body in summary.bodies():
        for period in (current.previous(), current):
            published = summary.publish(body, period)
            stdout.write(f"Ringkasan akses {body.name} {period.key}: {published.result}\n")
        _annual(body, stdout)

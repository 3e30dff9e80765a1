"""``python manage.py import_holidays 2024 2030``: national holidays and cuti bersama."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.workdays import actions
from terbuka.workdays.calendar import MAX_YEAR, MIN_YEAR


def parse_year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise CommandError(
            f"Tahun tidak valid: {value!r}. Tulis tahun dengan empat angka, mis. 2025.",
            returncode=2,
        ) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CommandError(
            f"Tahun {year} di luar rentang yang didukung ({MIN_YEAR}–{MAX_YEAR}).",
            returncode=2,
        )
    return year


class Command(BaseCommand):
    help = (
        "Impor hari libur nasional dan cuti bersama Indonesia dari pustaka holidays"
        " (kategori PUBLIC dan GOVERNMENT, nama berbahasa Indonesia) untuk tahun AWAL"
        " sampai AKHIR. Aman dijalankan ulang: hari yang dihapus administrator tidak"
        " dihidupkan kembali dan hari yang ditambahkan manual tidak ditimpa. Catatan:"
        " tanggal hari raya berdasarkan kalender bulan untuk tahun-tahun jauh ke depan"
        " adalah perkiraan pustaka (bertanda 'perkiraan'), dan cuti bersama hanya tersedia"
        " untuk tahun yang SKB-nya sudah terbit; periksa kembali setelah keputusan resmi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", help="Tahun pertama, mis. 2024.")
        parser.add_argument("end", nargs="?", help="Tahun terakhir (termasuk); bawaan: AWAL.")

    def handle(self, *args: Any, **options: Any) -> None:
        start = parse_year(options["start"])
        end = parse_year(options["end"]) if options["end"] is not None else start
        if end < start:
            raise CommandError(
                f"Tahun akhir ({end}) tidak boleh sebelum tahun awal ({start}).", returncode=2
            )
        summaries = actions.import_library_days(actor=None, years=range(start, end + 1))
        for s in summaries:
            self.stdout.write(
                f"{s.year}: {s.added} ditambahkan, {s.updated} diperbarui,"
                f" {s.unchanged} tidak berubah, {s.kept_removed} tetap dihapus (oleh admin),"
                f" {s.kept_manual} dibiarkan (entri manual), {s.withdrawn} ditarik"
                " (tidak ada lagi di pustaka)"
            )
        total = sum(s.added + s.updated + s.withdrawn for s in summaries)
        self.stdout.write(self.style.SUCCESS(f"Selesai: {total} perubahan untuk {start}–{end}."))

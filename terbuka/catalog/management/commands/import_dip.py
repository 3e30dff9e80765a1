"""Import a DIP spreadsheet (CSV, XLSX or ODS) into one body's DIP, for administrators.

    python manage.py import_dip dip-2025.xlsx --body dinas-kominfo [--dry-run]

The same code path as the officers' import page (``importing.check_file`` then
``importing.store``): the header is found under any title rows, columns are matched by
meaning, section rows set the category, and every row is checked before anything is
stored; then all rows are created in one transaction, or none. It prints the mapping it
chose, the category rule, and every problem by row and column.

Exit status: 0 imported (or, with ``--dry-run``, importable), 1 nothing could be imported
(an unreadable file or any row error), 2 unknown body.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from terbuka.bodies.models import Body
from terbuka.catalog import importing, sheets


class Command(BaseCommand):
    help = "Impor DIP dari berkas CSV, XLSX, atau ODS ke satu badan publik."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas .csv, .xlsx, atau .ods")
        parser.add_argument("--body", required=True, help="slug badan publik tujuan")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="periksa dan tampilkan saja, tanpa menyimpan",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.active().filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(
                _("Badan publik dengan slug “%(slug)s” tidak ditemukan.")
                % {"slug": options["body"]},
                returncode=2,
            )
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("Berkas tidak ditemukan: %(path)s") % {"path": path}, returncode=1)
        if sheets.file_kind(path.name) is None:
            raise CommandError(importing.only_these_files(), returncode=1)
        if path.stat().st_size > importing.MAX_UPLOAD_BYTES:
            raise CommandError(
                _("Berkas terlalu besar: %(size)s MB (paling besar %(mb)s MB).")
                % {
                    "size": path.stat().st_size // (1024 * 1024),
                    "mb": importing.MAX_UPLOAD_BYTES // (1024 * 1024),
                },
                returncode=1,
            )
        try:
            result = importing.check_file(path, body)
        except importing.ImportFileError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.describe(result)
        if result.error_count:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.error_count > len(result.errors):
                self.stderr.write(
                    _("… dan %(n)s kesalahan lain.")
                    % {"n": result.error_count - len(result.errors)}
                )
            raise CommandError(
                _("%(n)s kesalahan ditemukan; tidak ada satu entri pun yang disimpan.")
                % {"n": result.error_count},
                returncode=1,
            )
        if options["dry_run"]:
            self.stdout.write(
                _("Uji coba: %(n)s entri dapat diimpor ke %(body)s; tidak ada yang disimpan.")
                % {"n": len(result.rows), "body": body.name}
            )
            return
        created = importing.store(result, actor=None, body=body, name=path.name)
        self.stdout.write(
            _("%(body)s: %(n)s entri baru diimpor dari %(file)s.")
            % {"body": body.name, "n": created, "file": path.name}
        )

    def describe(self, result: importing.CheckResult) -> None:
        layout = result.layout
        self.stdout.write(
            _("Baris judul kolom: %(row)s.") % {"row": importing.format_row(layout.header_row)}
        )
        for header, key in zip(layout.headers, layout.mapping, strict=False):
            if not header.strip():
                continue
            target = importing.field_label(key) if key else _("(tidak dikenal: disisihkan)")
            self.stdout.write(f"  “{header}” → {target}")
        for key, value in layout.defaults.items():
            self.stdout.write(
                _("  (tidak ada di berkas) %(field)s ← “%(value)s”")
                % {"field": importing.field_label(key), "value": value}
            )
        self.stdout.write(_("Kategori diambil dari: %(rule)s.") % {"rule": layout.category_rule})
        for note in layout.notes:
            self.stdout.write(note)
        self.stdout.write(
            _("%(total)s baris data, %(ok)s siap diimpor.")
            % {"total": result.total, "ok": len(result.rows)}
        )

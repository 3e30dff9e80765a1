"""Officers' bulk import of DIP entries: the template, the upload, the preview with the
per-row error report, the confirmation and the progress page. See importing.py."""

from __future__ import annotations

import csv
import io
import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from terbuka.bodies.models import Body
from terbuka.bodies.permissions import can_act_on
from terbuka.catalog import columns, exporting, importing

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV, XLSX, atau ODS"),
        help_text=gettext_lazy(
            "Templat Terbuka atau DIP yang sudah Anda punya: satu baris per entri, dengan baris "
            "judul kolom; baris judul lembar dan judul bagian (A. Berkala, B. Setiap Saat, "
            "C. Serta Merta) dikenali."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )


def _officer_body(request: HttpRequest, slug: str) -> Body:
    body = get_object_or_404(Body.objects.active(), slug=slug)
    if not can_act_on(request.user, body):
        raise PermissionDenied(
            _("Hanya petugas PPID badan publik ini yang dapat mengimpor ke DIP-nya.")
        )
    return body


def _job_for(request: HttpRequest, job_id: uuid.UUID) -> tuple[importing.ImportJob, Body]:
    job = importing.load_job(str(job_id))
    if job is None:
        raise Http404(_("Impor ini tidak ditemukan atau sudah kedaluwarsa."))
    body = get_object_or_404(Body, pk=job.body_id)
    if not can_act_on(request.user, body):
        raise PermissionDenied(_("Impor ini milik badan publik lain."))
    return job, body


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The empty template with the column headers and one example row."""
    fmt = request.GET.get("format", "xlsx")
    headers = importing.template_headers()
    example = importing.template_row()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
        writer.writerow(headers)
        writer.writerow(example)
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = exporting.attachment("templat-impor-dip.csv")
        return response
    if fmt != "xlsx":
        raise Http404(_("Format templat harus xlsx atau csv."))
    response = HttpResponse(exporting.template_xlsx(headers, example), content_type=XLSX_TYPE)
    response["Content-Disposition"] = exporting.attachment("templat-impor-dip.xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    body = _officer_body(request, slug)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        try:
            job = importing.start_job(
                actor=request.user, body=body, upload=form.cleaned_data["file"]
            )
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("catalog:import_preview", job_id=job.id)
    return render(
        request,
        "catalog/import/upload.html",
        {
            "body": body,
            "form": form,
            "columns": importing.all_columns(),
            "max_rows": importing.format_row(importing.MAX_ROWS),
            "max_mb": importing.MAX_UPLOAD_BYTES // (1024 * 1024),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The mapping step: the columns found and the field each goes to (changeable), the
    category rule, the first rows as they will be stored with their problems; then the
    confirmation."""
    job, body = _job_for(request, job_id)
    if job.state not in (importing.STATE_READY, importing.STATE_INVALID):
        return redirect("catalog:import_status", job_id=job.id)
    layout = job.layout or {}
    headers: list[str] = layout.get("headers", [])
    if request.method == "POST":
        if "remap" in request.POST and headers:
            mapping = [request.POST.get(f"kolom_{i}", "") for i in range(len(headers))]
            importing.remap(job, body, mapping)
            return redirect("catalog:import_preview", job_id=job.id)
        if job.state != importing.STATE_READY:
            return redirect("catalog:import_preview", job_id=job.id)
        importing.confirm(job)
        return redirect("catalog:import_status", job_id=job.id)
    mapping = layout.get("mapping", [])
    suggested = layout.get("suggested", [])
    choices = [("", _("(tidak dipakai)"))] + [
        (key, str(label)) for key, label in columns.FIELD_LABELS.items()
    ]
    column_rows = [
        {
            "index": i,
            "letter": _column_letter(i),
            "header": header,
            "chosen": mapping[i] if i < len(mapping) else "",
            "changed": i < len(suggested) and i < len(mapping) and mapping[i] != suggested[i],
        }
        for i, header in enumerate(headers)
        if header.strip() or (i < len(mapping) and mapping[i])
    ]
    preview_rows = [
        {
            "row": importing.row_place(item["row"], item.get("sheet", "")),
            "sheet": item.get("sheet", ""),
            "cells": [item.get("fields", {}).get(key, "") for key in importing.PREVIEW_KEYS],
            "problems": item.get("problems", []),
        }
        for item in job.preview
    ]
    return render(
        request,
        "catalog/import/preview.html",
        {
            "body": body,
            "job": job,
            "layout": layout,
            "column_rows": column_rows,
            "choices": choices,
            "defaults": [
                (importing.field_label(key), value)
                for key, value in layout.get("defaults", {}).items()
            ],
            "unknown": [
                header
                for header, key in zip(headers, mapping, strict=False)
                if header.strip() and not key
            ],
            "headers": [str(dict(importing.all_columns())[key]) for key in importing.PREVIEW_KEYS],
            "preview_rows": preview_rows,
            "errors": [
                (
                    importing.row_place(error["row"], error.get("sheet", "")),
                    error["column"],
                    error["message"],
                )
                for error in job.errors
            ],
            "shown_errors": len(job.errors),
        },
    )


def _column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@login_required
@require_GET
def import_status(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job, body = _job_for(request, job_id)
    if job.state in (importing.STATE_READY, importing.STATE_INVALID):
        return redirect("catalog:import_preview", job_id=job.id)
    stalled = job.is_stalled()
    return render(
        request,
        "catalog/import/status.html",
        {"body": body, "job": job, "stalled": stalled, "refresh": not (job.is_finished or stalled)},
    )

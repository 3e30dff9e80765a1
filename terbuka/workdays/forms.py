"""Forms of the calendar app: the admin's day form, the PPID Utama's day form for his
bodies, and the public "when is it due?" form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.bodies.models import Body
from terbuka.workdays import actions
from terbuka.workdays.calendar import MAX_YEAR, MIN_YEAR
from terbuka.workdays.models import CalendarDay, DayKind

# A body's own days: regional holidays, election days, decreed extra days; the national
# kinds for an override that keeps a national holiday or cuti bersama a working day there.
BODY_DAY_KINDS = [
    (DayKind.REGIONAL, DayKind.REGIONAL.label),
    (DayKind.ELECTION, DayKind.ELECTION.label),
    (DayKind.EXTRA, DayKind.EXTRA.label),
    (DayKind.NATIONAL, DayKind.NATIONAL.label),
    (DayKind.CUTI_BERSAMA, DayKind.CUTI_BERSAMA.label),
]


class CalendarDayAdminForm(forms.ModelForm):
    """The admin's form. The model's ``clean()`` guards the weekend rule; the clash check
    is the one the actions use, so the admin shows the same message the action would."""

    class Meta:
        model = CalendarDay
        fields = ["date", "name", "kind", "body", "is_day_off"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        date, kind = cleaned.get("date"), cleaned.get("kind")
        if date is not None and kind:
            editing = self.instance if self.instance.pk is not None else None
            actions.check_clash(
                date=date,
                kind=kind,
                body=cleaned.get("body"),
                instance=editing,
                # Adding a day that was removed brings its row back (actions.add_day).
                allow_removed=editing is None,
            )
        return cleaned

    def validate_unique(self) -> None:
        # check_clash above covers the unique constraints, with a clearer message.
        return


# Pasal numbers: UU 14/2008. The order is the one a requester meets them in.
WORKING_DAY_CHOICES = [
    (
        law.NOTICE_WORKING_DAYS,
        format_lazy(
            _("{days} hari kerja — pemberitahuan tertulis (Pasal 22 ayat 7)"),
            days=law.NOTICE_WORKING_DAYS,
        ),
    ),
    (
        law.NOTICE_WORKING_DAYS + law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
        format_lazy(
            _("{days} hari kerja — dengan perpanjangan {extra} hari kerja (Pasal 22 ayat 8)"),
            days=law.NOTICE_WORKING_DAYS + law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
            extra=law.NOTICE_EXTENSION_MAX_WORKING_DAYS,
        ),
    ),
    (
        law.OBJECTION_ANSWER_WORKING_DAYS,
        format_lazy(
            _("{days} hari kerja — tanggapan atasan PPID atas keberatan (Pasal 36 ayat 2)"),
            days=law.OBJECTION_ANSWER_WORKING_DAYS,
        ),
    ),
    (
        law.DISPUTE_FILING_WORKING_DAYS,
        format_lazy(
            _(
                "{days} hari kerja — batas mengajukan sengketa ke Komisi Informasi (Pasal 37 ayat 2)"
            ),
            days=law.DISPUTE_FILING_WORKING_DAYS,
        ),
    ),
]


class DueDateForm(forms.Form):
    received = forms.DateField(
        label=_("Tanggal permohonan diterima"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal permohonan diterima."),
            "invalid": _("Tanggal tidak valid. Gunakan format TTTT-BB-HH, mis. 2025-03-27."),
        },
    )
    time = forms.TimeField(
        label=_("Jam diterima (opsional)"),
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Permohonan yang diterima setelah jam layanan badan publik dihitung diterima"
            " pada hari kerja berikutnya."
        ),
        error_messages={"invalid": _("Jam tidak valid. Gunakan format JJ:MM, mis. 15:30.")},
    )
    body = forms.ModelChoiceField(
        label=_("Badan publik (opsional)"),
        queryset=Body.objects.active(),
        required=False,
        to_field_name="slug",
        empty_label=_("— kalender nasional —"),
        error_messages={"invalid_choice": _("Badan publik tidak ditemukan.")},
    )
    working_days = forms.TypedChoiceField(
        label=_("Jangka waktu"),
        choices=WORKING_DAY_CHOICES,
        coerce=int,
        initial=law.NOTICE_WORKING_DAYS,
        error_messages={
            "invalid_choice": _("Pilih salah satu jangka waktu yang tersedia."),
            "required": _("Pilih jangka waktu."),
        },
    )

    def clean_received(self) -> dt.date:
        received: dt.date = self.cleaned_data["received"]
        if not MIN_YEAR <= received.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Tahun harus antara %(min)s dan %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return received


class BodyDayForm(forms.Form):
    """A PPID Utama's day for one of his bodies (the body comes from the page, not the
    form). The rules — weekends, clashes — are checked by the action, which the admin
    uses too, and its refusal is shown on this form."""

    date = forms.DateField(
        label=_("Tanggal"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggalnya."),
            "invalid": _("Tanggal tidak valid. Gunakan format TTTT-BB-HH, mis. 2025-03-27."),
        },
    )
    name = forms.CharField(label=_("Keterangan"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=BODY_DAY_KINDS,
        initial=DayKind.REGIONAL,
    )
    is_day_off = forms.BooleanField(
        label=_("Bukan hari kerja"),
        required=False,
        initial=True,
        help_text=_(
            "Hapus centang untuk menjadikan tanggal ini tetap hari kerja di badan publik ini"
            " (pengecualian atas hari libur yang berlaku dari tingkat di atasnya)."
        ),
    )

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        if not MIN_YEAR <= date.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Tahun harus antara %(min)s dan %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return date

    @classmethod
    def for_day(cls, day: CalendarDay, data: Any = None) -> BodyDayForm:
        initial = {
            "date": day.date,
            "name": day.name,
            "kind": day.kind,
            "is_day_off": day.is_day_off,
        }
        return cls(data, initial=initial)

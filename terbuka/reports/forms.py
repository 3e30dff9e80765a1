from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from terbuka import tabular
from terbuka.bodies.models import Body
from terbuka.reports import periods, register
from terbuka.requests.models import Channel


class RegisterFilterForm(tabular.PeriodForm):
    """The request register's filters (GET): body, period of receipt, channel, outcome."""

    saluran = forms.ChoiceField(label=_("Saluran"), required=False)
    keputusan = forms.ChoiceField(label=_("Keputusan"), required=False)

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("name")
        super().__init__(*args, bodies=queryset, **kwargs)
        everything = [("", _("Semua"))]
        channel = self.fields["saluran"]
        assert isinstance(channel, forms.ChoiceField)
        channel.choices = [*everything, *Channel.choices]
        outcome = self.fields["keputusan"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.choices = [*everything, *register.outcome_choices()]


# The part of the year a report covers: the whole year, a semester or a month.
WHOLE_YEAR = "tahun"
PARTS = [
    (WHOLE_YEAR, _("Setahun")),
    ("s1", _("Semester I (Januari–Juni)")),
    ("s2", _("Semester II (Juli–Desember)")),
    *((f"{n:02d}", MONTHS[n]) for n in range(1, 13)),
]


class StatisticsForm(forms.Form):
    """One body and one period (GET)."""

    badan = forms.ModelChoiceField(
        label=_("Badan publik"), queryset=Body.objects.none(), to_field_name="slug"
    )
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2008, max_value=2100)
    bagian = forms.ChoiceField(label=_("Periode"), choices=PARTS, initial=WHOLE_YEAR)

    def __init__(self, data: Any, *, bodies: list[Body]) -> None:
        today = timezone.localdate()
        # By default the PPID body he keeps (its figures cover its units), else his unit.
        ppid = [body for body in bodies if body.has_own_ppid]
        first = (ppid or bodies)[0].slug if bodies else ""
        super().__init__(
            {"badan": first, "tahun": today.year, "bagian": WHOLE_YEAR, **data.dict()}
            if hasattr(data, "dict")
            else data
        )
        field = self.fields["badan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("name")

    def period(self) -> periods.Period:
        year, part = self.cleaned_data["tahun"], self.cleaned_data["bagian"]
        if part == WHOLE_YEAR:
            return periods.year(year)
        if part in ("s1", "s2"):
            return periods.semester(year, int(part[1]))
        return periods.month(year, int(part))

    def query(self) -> str:
        """The chosen body and period, for the export links."""
        return urlencode({name: self.data[name] for name in ("badan", "tahun", "bagian")})


# The longest narrative section a report takes (characters): several pages of text.
NARRATIVE_MAX_LENGTH = 20_000


class NarrativeForm(forms.Form):
    """The narrative sections of an annual report (Perki 1/2021 Pasal 56); any may stay
    empty in a draft, all must be written before it is finalised."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from terbuka.reports.annual import narrative_titles
        from terbuka.reports.models import NARRATIVE_FIELDS

        titles = narrative_titles()
        for name in NARRATIVE_FIELDS:
            self.fields[name] = forms.CharField(
                label=titles[name],
                required=False,
                max_length=NARRATIVE_MAX_LENGTH,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 8}),
            )


class AnnualChoiceForm(forms.Form):
    """Which body and year to open (GET)."""

    badan: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Badan publik"), queryset=None, to_field_name="slug"
    )
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2008)

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["badan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies]).order_by("name")
        year = self.fields["tahun"]
        assert isinstance(year, forms.IntegerField)
        year.validators.append(MaxValueValidator(timezone.localdate().year))
        year.widget.attrs["max"] = timezone.localdate().year
        year.initial = timezone.localdate().year - 1

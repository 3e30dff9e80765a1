"""The areas form: rows of page, four coordinates and a ground. It is the whole interface
without JavaScript, and what the marking script (``static/js/redact.js``) fills in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from terbuka import law
from terbuka.redaction import engine

MAX_ROWS = 200
SPARE_ROWS = 3
COORDINATES = ("x0", "y0", "x1", "y1")


class AreasForm(forms.Form):
    rows = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ROWS)

    def __init__(
        self,
        *args: Any,
        page_count: int,
        areas: list[engine.Area] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.page_count = page_count
        areas = areas or []
        if self.is_bound:
            try:
                count = int(self.data.get("rows", 0))
            except (TypeError, ValueError):
                count = SPARE_ROWS
            count = min(max(count, 1), MAX_ROWS)
        else:
            count = len(areas) + SPARE_ROWS
        self.fields["rows"].initial = count
        choices = [("", _("— pilih —")), *law.ground_choices()]
        for index in range(count):
            area = areas[index] if index < len(areas) else None
            number = index + 1
            self.fields[f"area-{index}-page"] = forms.IntegerField(
                required=False,
                min_value=1,
                initial=area.page if area else None,
                widget=forms.NumberInput(
                    attrs={
                        "aria-label": gettext("Halaman, bagian %(n)s") % {"n": number},
                        "class": "area-page",
                    }
                ),
            )
            for name in COORDINATES:
                value = getattr(area, name) if area else None
                self.fields[f"area-{index}-{name}"] = forms.CharField(
                    required=False,
                    max_length=6,
                    initial=engine.fraction_text(value) if value is not None else "",
                    widget=forms.TextInput(
                        attrs={
                            "aria-label": f"{name.upper()}, "
                            + gettext("bagian %(n)s") % {"n": number},
                            "inputmode": "decimal",
                            "size": 6,
                            "class": f"area-{name}",
                        }
                    ),
                )
            self.fields[f"area-{index}-ground"] = forms.ChoiceField(
                required=False,
                choices=choices,
                initial=area.ground if area else "",
                widget=forms.Select(
                    attrs={
                        "aria-label": gettext("Dasar Pasal 17, bagian %(n)s") % {"n": number},
                        "class": "area-ground",
                    }
                ),
            )
        self.row_count = count

    def row_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"area-{index}-{name}"] for name in ("page", *COORDINATES, "ground")]
            for index in range(self.row_count)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        areas = []
        for index in range(self.row_count):
            prefix = f"area-{index}-"
            page = cleaned.get(prefix + "page")
            texts = [str(cleaned.get(prefix + name) or "").strip() for name in COORDINATES]
            if page is None and not any(texts):
                continue  # a spare row
            if f"{prefix}page" in self.errors:
                continue
            if page is None:
                self.add_error(prefix + "page", gettext("Isi nomor halaman."))
                continue
            if page > self.page_count:
                self.add_error(
                    prefix + "page",
                    gettext("Halaman %(page)s tidak ada: dokumen ini memiliki %(count)s halaman.")
                    % {"page": page, "count": self.page_count},
                )
                continue
            values = [engine.parse_fraction(text) for text in texts]
            for name, value in zip(COORDINATES, values, strict=True):
                if value is None:
                    self.add_error(
                        prefix + name,
                        gettext("Isi pecahan 0–1 dengan paling banyak 4 angka desimal."),
                    )
            ground = cleaned.get(prefix + "ground") or ""
            if not ground:
                self.add_error(prefix + "ground", gettext("Pilih dasar Pasal 17."))
            if None in values or not ground:
                continue
            x0, y0, x1, y1 = (float(value or 0) for value in values)
            area = engine.Area(page, x0, y0, x1, y1, ground)
            try:
                engine.check_area(area, index + 1)
            except engine.RedactionError as error:
                self.add_error(prefix + "x0", str(error))
                continue
            areas.append(area)
        if not areas and not self.errors:
            raise forms.ValidationError(
                gettext("Tandai paling sedikit satu bagian untuk dihitamkan.")
            )
        cleaned["areas"] = areas
        return cleaned

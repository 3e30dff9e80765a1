from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.letters import verification


class CodeForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("Tertera di bawah surat, di samping kode QR, mis. ABCD-EFGH-JKLM."),
    )


class CheckForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas PDF surat"),
        help_text=_("Berkas tidak disimpan: hanya diperiksa, lalu dibuang."),
    )

    def clean_berkas(self) -> bytes:
        upload = self.cleaned_data["berkas"]
        if upload.size is not None and upload.size > verification.MAX_SIZE:
            raise forms.ValidationError(
                _("Berkas terlalu besar untuk sebuah surat (paling besar 20 MB).")
            )
        data: bytes = upload.read(verification.MAX_SIZE + 1)
        return data

"""A second check of a signed letter, independent of pyHanko: pypdf finds the signature
dictionary, and OpenSSL's ``cms -verify`` checks the CMS signature over the ByteRange and
the signer's certificate against the CA."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


def _der_length(blob: bytes) -> int:
    """The length of the DER value at the start of ``blob`` (the rest is zero padding)."""
    first = blob[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    return 2 + count + int.from_bytes(blob[2 : 2 + count], "big")


def signature_dictionary(pdf: bytes) -> tuple[list[int], bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    for field in reader.trailer["/Root"]["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if field.get("/FT") == "/Sig" and "/V" in field:
            value = field["/V"].get_object()
            return [int(n) for n in value["/ByteRange"]], bytes(value["/Contents"])
    raise AssertionError("no signature field")


def openssl_accepts(pdf: bytes, ca_certificate: Path) -> bool:
    byte_range, contents = signature_dictionary(pdf)
    start, first, second, rest = byte_range
    if start != 0 or second + rest != len(pdf):
        return False  # the signature must cover the whole file
    signed = pdf[start : start + first] + pdf[second : second + rest]
    cms = contents[: _der_length(contents)]
    with tempfile.TemporaryDirectory() as folder:
        signature_path = Path(folder) / "signature.der"
        content_path = Path(folder) / "content.bin"
        signature_path.write_bytes(cms)
        content_path.write_bytes(signed)
        completed = subprocess.run(
            [
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                str(signature_path),
                "-content",
                str(content_path),
                "-CAfile",
                str(ca_certificate),
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
            capture_output=True,
            check=False,
        )
    return completed.returncode == 0

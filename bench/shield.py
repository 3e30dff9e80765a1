"""Personal-data shield benchmark (issue 12): a script, not a test.

Two corpora, scanned with ``terbuka.shield.scanner.scan`` exactly as the worker does:

1. The demo corpus: every DIP document ``seed_demo`` writes (the templates × the demo
   bodies × their years, the serta-merta notices, the scans read by OCR, and the
   recipients' list that carries NIKs and phone numbers). Only the recipients' list holds
   personal data: every other finding is a false positive.
2. A generated corpus of N pages (default 10,000) of Indonesian administrative text in
   PDFs of 20 pages, with planted identifiers (valid NIKs with and without a label, KK
   numbers after their label, mobile and landline numbers, e-mail addresses) and decoys
   (16-digit invoice numbers after their label, random 16-digit numbers, dates, 18-digit
   NIPs, amounts in rupiah that look like phone numbers, 15/18-digit account numbers of
   the body). Each finding is matched with what was planted on its page (kind and masked
   value); the rest are false positives. Recall of planted NIKs must be 100%.

    .venv/bin/python bench/shield.py                  # 10,000 generated pages + the demo
    .venv/bin/python bench/shield.py --pages 1000     # a smoke run
    .venv/bin/python bench/shield.py --ocr-pages 10   # also OCR this many scanned pages

The random 16-digit decoys are drawn uniformly, so about 1 in 40 passes the NIK rule by
chance (a real province, a real date): they are counted as false positives, as they
would be in real documents. No database is needed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES_PER_PDF = 20
LINES_PER_PAGE = 44

WORDS = (  # noqa: SIM905 (a paragraph of vocabulary reads better as text)
    "anggaran realisasi belanja pendapatan daerah program kegiatan pelayanan kesehatan"
    " puskesmas rujukan kabupaten kota provinsi kecamatan kelurahan desa pembangunan"
    " jalan jembatan irigasi pendidikan sekolah tenaga guru bantuan sosial penerima"
    " laporan keuangan tahun semester triwulan capaian kinerja target indikator sasaran"
    " rencana strategis pengadaan barang jasa kontrak penyedia pekerjaan konstruksi"
    " pengawasan inspektorat temuan rekomendasi tindak lanjut informasi publik dokumen"
    " keputusan peraturan gubernur bupati wali kota sekretariat dinas badan bidang seksi"
).split()
NAMES = (
    "Sri Wahyuni", "Ahmad Fauzi", "Maria Ulfah", "Budi Santoso", "Dewi Lestari",
    "Yohanes Dambung", "Rina Marlina", "Agus Salim", "Theresia Inan", "Hendra Gunawan",
)  # fmt: skip
PROVINCES = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34",
    "35", "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74",
    "75", "76", "81", "82", "91", "94",
]  # fmt: skip
DOMAINS = ("gmail.com", "yahoo.co.id", "contoh.co.id", "mail.example")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


@dataclass
class Page:
    lines: list[str] = field(default_factory=list)
    planted: list[tuple[str, str]] = field(default_factory=list)  # (kind, masked value)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def digits(self, count: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(count))

    def nik(self) -> str:
        from terbuka.accounts.nik import is_valid_nik

        while True:
            day = self.rng.randint(1, 28) + (40 if self.rng.random() < 0.5 else 0)
            number = (
                self.rng.choice(PROVINCES)
                + f"{self.rng.randint(1, 79):02d}{self.rng.randint(1, 30):02d}"
                + f"{day:02d}{self.rng.randint(1, 12):02d}{self.rng.randint(0, 99):02d}"
                + f"{self.rng.randint(1, 9999):04d}"
            )
            if is_valid_nik(number):
                return number

    def kk(self) -> str:
        return (
            self.rng.choice(PROVINCES)
            + f"{self.rng.randint(1, 79):02d}{self.rng.randint(1, 30):02d}"
            + f"{self.rng.randint(1, 28):02d}{self.rng.randint(1, 12):02d}"
            + f"{self.rng.randint(5, 24):02d}{self.rng.randint(1, 9999):04d}"
        )

    def mobile(self) -> tuple[str, str]:
        rest = f"{self.rng.randint(11, 59)}{self.digits(8)}"
        shapes = (
            (f"08{rest[:2]}-{rest[2:6]}-{rest[6:]}", f"08{rest}"),
            (f"+62 8{rest[:2]} {rest[2:6]} {rest[6:]}", f"628{rest}"),
            (f"08{rest}", f"08{rest}"),
        )
        return self.rng.choice(shapes)

    def landline(self) -> tuple[str, str]:
        area = self.rng.choice(("021", "0536", "0511", "0274", "0519"))
        local = f"{self.rng.randint(2, 8)}{self.digits(6)}"
        return f"Telp. ({area}) {local[:3]} {local[3:]}", area + local

    def filler(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(6, 13))).capitalize()

    def page(self) -> Page:
        from terbuka.shield.patterns import Kind, mask

        page = Page()
        for _ in range(LINES_PER_PAGE):
            roll = self.rng.random()
            if roll < 0.05:
                nik = self.nik()
                name = self.rng.choice(NAMES)
                line = self.rng.choice(
                    (
                        f"{name}, NIK {nik}, {self.filler()}",
                        f"{self.rng.randint(1, 99)}. {name} {nik} Desa Tumbang",
                    )
                )
                page.lines.append(line)
                page.planted.append((Kind.NIK, mask(Kind.NIK, nik)))
            elif roll < 0.07:
                kk = self.kk()
                page.lines.append(f"No. KK {kk} {self.filler()}")
                page.planted.append((Kind.KK, mask(Kind.KK, kk)))
            elif roll < 0.10:
                shown, value = self.mobile()
                page.lines.append(f"HP {shown} ({self.rng.choice(NAMES)})")
                page.planted.append((Kind.PHONE, mask(Kind.PHONE, value)))
            elif roll < 0.11:
                shown, value = self.landline()
                page.lines.append(f"{shown} {self.filler()}")
                page.planted.append((Kind.PHONE, mask(Kind.PHONE, value)))
            elif roll < 0.13:
                user = f"{self.rng.choice(NAMES).split()[0].lower()}.{self.digits(2)}"
                address = f"{user}@{self.rng.choice(DOMAINS)}"
                page.lines.append(f"Surel {address}")
                page.planted.append((Kind.EMAIL, mask(Kind.EMAIL, address)))
            elif roll < 0.25:
                page.lines.append(self.decoy())
            else:
                page.lines.append(self.filler())
        return page

    def decoy(self) -> str:
        choice = self.rng.randrange(8)
        if choice == 0:
            return f"No. Faktur {self.rng.randint(1, 9)}{self.digits(15)} tanggal {self.date()}"
        if choice == 1:
            return f"Nomor {self.rng.randint(1, 9)}{self.digits(15)} {self.filler()}"
        if choice == 2:
            born = f"19{self.rng.randint(60, 99)}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"
            appointed = f"{self.rng.randint(1990, 2020)}{self.rng.randint(1, 12):02d}"
            return f"NIP. {born}{appointed}1{self.digits(3)}"
        if choice == 3:
            return f"Jumlah Rp 0{self.rng.randint(81, 89)}{self.digits(8)},00 {self.filler()}"
        if choice == 4:
            amount = (
                f"{self.rng.randint(1, 999)}.{self.digits(3)}.{self.digits(3)}.{self.digits(3)}"
            )
            return f"Realisasi Rp {amount}"
        if choice == 5:
            hour = f"{self.rng.randint(7, 16):02d}.{self.rng.randint(0, 59):02d}"
            return f"Tanggal {self.date()} pukul {hour} WIB"
        if choice == 6:
            code = f"1.02.{self.rng.randint(1, 30):02d}.2.{self.rng.randint(1, 9):02d}.{self.digits(4)}"
            return f"Kode kegiatan {code}"
        return f"Volume {self.rng.randint(1, 999)} unit, {self.rng.randint(1000, 99999)} m2"

    def date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}-{self.rng.randint(1, 12):02d}-{self.rng.randint(2015, 2025)}"


def pdf_of(pages: list[Page]) -> bytes:
    import pymupdf

    document = pymupdf.open()
    for page in pages:
        sheet = document.new_page(width=595, height=842)
        sheet.insert_text((40, 50), "\n".join(page.lines), fontsize=8.5, lineheight=1.45)
    return document.tobytes(garbage=0, deflate=True)


def score(
    findings: list, planted_by_page: dict[int, list[tuple[str, str]]]
) -> tuple[Counter, Counter, Counter]:
    """(planted per kind, found per kind, false positives per kind)."""
    planted = Counter(kind for items in planted_by_page.values() for kind, _ in items)
    remaining = {page: Counter(items) for page, items in planted_by_page.items()}
    found: Counter = Counter()
    false: Counter = Counter()
    for finding in findings:
        key = (finding.kind, finding.excerpt)
        bucket = remaining.get(finding.page or 0, Counter())
        if bucket[key] > 0:
            bucket[key] -= 1
            found[finding.kind] += 1
        else:
            false[finding.kind] += 1
    return planted, found, false


def generated(pages: int, seed: int) -> dict[str, object]:
    from terbuka.shield import scanner

    generator = Generator(seed)
    planted: Counter = Counter()
    found: Counter = Counter()
    false: Counter = Counter()
    scanned_pages = 0
    seconds = 0.0
    while scanned_pages < pages:
        batch = [generator.page() for _ in range(min(PAGES_PER_PDF, pages - scanned_pages))]
        data = pdf_of(batch)
        start = time.perf_counter()
        result = scanner.scan(data, "application/pdf")
        seconds += time.perf_counter() - start
        by_page = {number: page.planted for number, page in enumerate(batch, start=1)}
        p, f, x = score(result.findings, by_page)
        planted += p
        found += f
        false += x
        scanned_pages += len(batch)
    return {
        "pages": scanned_pages,
        "seconds": seconds,
        "planted": planted,
        "found": found,
        "false": false,
    }


def ocr_sample(pages: int, seed: int) -> dict[str, object]:
    from terbuka.catalog import pdfgen
    from terbuka.shield import scanner
    from terbuka.shield.patterns import Kind, mask

    generator = Generator(seed + 1)
    planted: Counter = Counter()
    found: Counter = Counter()
    false: Counter = Counter()
    seconds = 0.0
    for _ in range(pages):
        nik = generator.nik()
        shown, value = generator.mobile()
        lines = ["Daftar penerima bantuan", f"NIK {nik}", f"HP {shown}", generator.filler()[:40]]
        data = pdfgen.scanned_pdf(lines)
        start = time.perf_counter()
        result = scanner.scan(data, "application/pdf")
        seconds += time.perf_counter() - start
        p, f, x = score(
            result.findings,
            {1: [(Kind.NIK, mask(Kind.NIK, nik)), (Kind.PHONE, mask(Kind.PHONE, value))]},
        )
        planted += p
        found += f
        false += x
    return {"pages": pages, "seconds": seconds, "planted": planted, "found": found, "false": false}


def demo_corpus() -> dict[str, object]:
    """The DIP documents seed_demo writes, generated the same way (no database)."""
    import datetime as dt

    from terbuka.bodies.demo import BODIES
    from terbuka.catalog import demo, pdfgen
    from terbuka.shield import scanner
    from terbuka.shield.patterns import Kind, mask

    @dataclass
    class Named:
        name: str

    documents: list[tuple[bytes, dict[int, list[tuple[str, str]]]]] = []
    scans = 0
    for spec in BODIES:
        body = Named(spec.name)
        for template in demo.TEMPLATES:
            if not template.document:
                continue
            for year in template.years or (None,):
                title = template.title.format(name=spec.name, year=year)
                summary = template.summary.format(name=spec.name, year=year)
                if template.document == "scan" and scans < demo.MAX_SCANS:
                    scans += 1
                    documents.append((demo._scan(title, body, year), {}))  # type: ignore[arg-type]
                else:
                    documents.append((demo._pdf(title, body, summary, year), {}))  # type: ignore[arg-type]
    today = dt.datetime.now(tz=dt.UTC).date()
    for _code, _key, title, summary, _days, _tags in demo.SERTA_MERTA:
        documents.append((demo._pdf(title, Named("Badan"), summary, today.year), {}))  # type: ignore[arg-type]
    lines = [f"{name} — NIK {nik} — HP {phone}" for name, nik, phone in demo.RECIPIENTS]
    held = [
        item
        for _name, nik, phone in demo.RECIPIENTS
        for item in (
            (Kind.NIK, mask(Kind.NIK, nik)),
            (Kind.PHONE, mask(Kind.PHONE, phone.replace("-", ""))),
        )
    ]
    documents.append((pdfgen.text_pdf("Daftar penerima bantuan sosial", lines), {1: held}))
    planted: Counter = Counter()
    found: Counter = Counter()
    false: Counter = Counter()
    pages = 0
    seconds = 0.0
    for data, expected in documents:
        start = time.perf_counter()
        result = scanner.scan(data, "application/pdf")
        seconds += time.perf_counter() - start
        pages += result.pages
        p, f, x = score(result.findings, expected)
        planted += p
        found += f
        false += x
    return {
        "documents": len(documents),
        "pages": pages,
        "ocr": scans,
        "seconds": seconds,
        "planted": planted,
        "found": found,
        "false": false,
    }


def report(title: str, result: dict[str, object]) -> None:
    pages = int(result["pages"])  # type: ignore[call-overload]
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    planted: Counter = result["planted"]  # type: ignore[assignment]
    found: Counter = result["found"]  # type: ignore[assignment]
    false: Counter = result["false"]  # type: ignore[assignment]
    print(f"\n{title}")
    if "documents" in result:
        print(f"  documents: {result['documents']} ({result['ocr']} scanned, read by OCR)")
    print(f"  pages: {pages}, scan time {seconds:.1f} s, {pages / seconds:.1f} pages/s")
    for kind in sorted(set(planted) | set(false)):
        recall = (
            f"{found[kind]}/{planted[kind]} = {100 * found[kind] / planted[kind]:.2f}%"
            if planted[kind]
            else "—"
        )
        print(f"  {kind:13} recall {recall:>22}   false positives {false[kind]}")
    total_false = sum(false.values())
    print(f"  false positives: {total_false} ({1000 * total_false / pages:.2f} per 1,000 pages)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--ocr-pages", type=int, default=0)
    parser.add_argument("--seed", type=int, default=12)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    import django

    django.setup()
    log("demo corpus")
    demo = demo_corpus()
    log(f"generated corpus: {arguments.pages} pages")
    result = generated(arguments.pages, arguments.seed)
    print(
        f"\nReproduce: .venv/bin/python bench/shield.py --pages {arguments.pages} --seed {arguments.seed}"
        + (f" --ocr-pages {arguments.ocr_pages}" if arguments.ocr_pages else "")
    )
    report("Demo corpus (seed_demo's DIP documents)", demo)
    report(f"Generated corpus ({arguments.pages} pages, text layer)", result)
    if arguments.ocr_pages:
        report(
            f"Scanned pages read by OCR ({arguments.ocr_pages})",
            ocr_sample(arguments.ocr_pages, arguments.seed),
        )
    planted: Counter = result["planted"]  # type: ignore[assignment]
    found: Counter = result["found"]  # type: ignore[assignment]
    if found["nik"] != planted["nik"]:
        sys.exit(f"FAIL: recall of planted NIKs {found['nik']}/{planted['nik']} is not 100%")


if __name__ == "__main__":
    main()

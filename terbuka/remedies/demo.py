"""Demo objections (``seed_demo``), one in every state, on the demo requests that give rise
to a ground: an undecided online objection on an unreasonable fee; a letter objection on
a refusal that the Atasan upheld and the requester takes to the Komisi Informasi; an
objection on an overdue request that the Atasan granted (instruction pending); one he
granted and the PPID carried out; one withdrawn; and one without a request, on a berkala
DIP entry not provided (ground b). All through the real actions."""

from __future__ import annotations

import datetime as dt
from io import TextIOBase

from django.utils import timezone

from terbuka.accounts.models import User
from terbuka.catalog.models import Category, Entry
from terbuka.remedies import actions
from terbuka.remedies.models import Event, Objection
from terbuka.requests.models import InfoRequest
from terbuka.workdays import calendar as workdays_calendar

MARKER = "demo-objection-"
REQUEST_MARKER = "demo-"


def _working_days_ago(info_request: InfoRequest, days: int, hour: int = 10) -> dt.datetime:
    body = info_request.ppid_body
    calendar = workdays_calendar.for_body(body)
    day = timezone.now().astimezone(body.tzinfo).date()
    counted = 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=body.tzinfo)


def _by_letter(
    key: str,
    *,
    operator: User,
    info_request: InfoRequest,
    grounds: list[str],
    days_ago: int,
    case: str,
) -> Objection:
    return actions.register_objection(
        actor=operator,
        info_request=info_request,
        content=actions.ObjectionContent(grounds=grounds, case_description=case),
        channel="letter",
        received_at=_working_days_ago(info_request, days_ago),
        idempotency_key=MARKER + key,
    )


def _backdate(objection: Objection, moment: dt.datetime) -> None:
    """Demo-only: the later steps happened at ``moment``, not now."""
    Objection.objects.filter(pk=objection.pk).update(decided_at=moment)
    Event.objects.filter(objection=objection).exclude(kind__in=["filed", "registered"]).update(
        at=moment
    )


def seed(stdout: TextIOBase) -> None:
    if Objection.objects.filter(idempotency_key__startswith=MARKER).exists():
        stdout.write("Keberatan demo sudah ada; dilewati.\n")
        return
    requests = {
        item.idempotency_key.removeprefix(REQUEST_MARKER): item
        for item in InfoRequest.objects.filter(idempotency_key__startswith=REQUEST_MARKER)
        if item.idempotency_key
    }
    if not requests:
        stdout.write("Tidak ada permohonan demo; keberatan demo dilewati.\n")
        return
    users = {user.username: user for user in User.objects.filter(username__contains=".")}
    atasan, utama = users["atasan.kalteng"], users["utama.kalteng"]
    operator, dua = users["operator.kalteng"], users["pemohon.dua"]

    # Undecided: Budi objects online to the copying fee of his partly granted request.
    actions.file_objection(
        actor=dua,
        info_request=requests["granted-in-part"],
        content=actions.ObjectionContent(
            grounds=["f"],
            case_description="Biaya salinan 48 halaman dibebankan, padahal sebagian besar"
            " dokumen tersedia sebagai berkas elektronik dan dapat dikirim lewat e-mail.",
            purpose="Pemantauan pembangunan oleh warga.",
        ),
        idempotency_key=MARKER + "fee",
    )

    # Upheld, and the requester goes to the Komisi Informasi.
    upheld = _by_letter(
        "refused",
        operator=operator,
        info_request=requests["refused"],
        grounds=["a"],
        days_ago=20,
        case="Saya meminta daftar nama pasien untuk memastikan bantuan sampai kepada keluarga"
        " mereka; pengecualian terlalu luas.",
    )
    actions.decide(
        actor=atasan,
        objection=upheld,
        upheld=True,
        reasons="Nama pasien dan riwayat perawatannya adalah data pribadi yang dikecualikan"
        " (Pasal 17 huruf h angka 2). Data agregat yang dipublikasikan memenuhi kepentingan"
        " publik. Putusan PPID dikuatkan.",
    )
    _backdate(upheld, _working_days_ago(requests["refused"], 6, hour=14))
    actions.record_response(actor=dua, objection=upheld, response="to_commission")

    # Granted: no notice by the due date (ground c); the instruction is pending.
    overdue = requests["overdue"]
    granted = _by_letter(
        "overdue",
        operator=operator,
        info_request=overdue,
        grounds=["c"],
        days_ago=1,
        case="Sampai batas waktu saya belum menerima pemberitahuan tertulis apa pun.",
    )
    actions.decide(
        actor=atasan,
        objection=granted,
        upheld=False,
        reasons="PPID tidak memberikan pemberitahuan tertulis dalam 10 hari kerja.",
        instruction="Kirimkan pemberitahuan tertulis beserta salinan Peraturan Gubernur yang"
        " diminta kepada pemohon.",
        instruction_days=5,
    )

    # Granted and carried out: the answer was otherwise than requested (ground d).
    done = _by_letter(
        "granted",
        operator=operator,
        info_request=requests["granted"],
        grounds=["d"],
        days_ago=30,
        case="Rekap yang diberikan tidak memuat data per kabupaten/kota seperti yang diminta.",
    )
    actions.decide(
        actor=atasan,
        objection=done,
        upheld=False,
        reasons="Rekap yang diberikan tidak dirinci per kabupaten/kota sebagaimana diminta.",
        instruction="Berikan rekap tenaga kesehatan yang dirinci per kabupaten/kota.",
        instruction_days=5,
    )
    _backdate(done, _working_days_ago(requests["granted"], 12, hour=14))
    actions.report_instruction_done(
        actor=utama,
        objection=done,
        report="Rekap per kabupaten/kota dikirim ke e-mail pemohon.",
    )

    # Withdrawn by the requester.
    withdrawn = actions.file_objection(
        actor=dua,
        info_request=requests["granted-in-part"],
        content=actions.ObjectionContent(
            grounds=["e"],
            case_description="Salinan kontrak belum saya terima.",
        ),
        idempotency_key=MARKER + "withdrawn",
    )
    actions.withdraw_objection(actor=dua, objection=withdrawn)

    # Ground b without a request: Siti finds a berkala entry of the Dinas Kesehatan past its
    # six-month update (or, if none is, its first berkala entry) and objects from its page.
    entry = _berkala_entry("dinkes-kalteng")
    if entry is not None:
        actions.file_berkala_objection(
            actor=users["pemohon.satu"],
            subject=actions.BerkalaSubject(
                body=entry.body,
                information=f"{entry.title}: versi semester terakhir",
                catalog_entry=entry,
            ),
            content=actions.ObjectionContent(
                grounds=["b"],
                case_description=(
                    "Informasi berkala ini belum diperbarui; versi semester terakhir belum"
                    " diumumkan di DIP."
                ),
            ),
            idempotency_key=MARKER + "berkala",
        )
    stdout.write(f"{Objection.objects.count()} keberatan demo.\n")


def _berkala_entry(slug: str) -> Entry | None:
    published = Entry.objects.published().filter(body__slug=slug, category=Category.BERKALA)
    stale = published.filter(next_update_due__lt=timezone.localdate())
    return (stale.first() or published.order_by("title").first()) if published else None

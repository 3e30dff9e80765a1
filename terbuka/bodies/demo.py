"""Demo data for the foundation: a believable Central Kalimantan and its officers.

Called by ``python manage.py seed_demo`` inside its transaction. Everything is keyed on a
natural key (a body's ``code``, a user's ``username``, a role's user/body/kind), so running
it twice gives the same data. Contacts use ``.example`` domains: this is not the real
government's PPID.

Later demo modules find the bodies by code (``DEMO_CODES``) and the officers by username.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import TextIOBase

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from terbuka.accounts import twofactor
from terbuka.accounts.models import RequesterProfile, RequesterType, User
from terbuka.bodies import actions
from terbuka.bodies.models import Body, BodyKind, RoleKind

DEMO_PASSWORD = "demo-terbuka"  # noqa: S105 — published in the README on purpose
# Officers must log in with a second factor (issue #5). Every demo officer's authenticator
# holds this published base32 secret, so anyone trying the demo can add it to an app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 — published in the README on purpose

MAKLUMAT = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai"
    " standar pelayanan yang telah ditetapkan, memberikan pemberitahuan tertulis paling"
    " lambat 10 (sepuluh) hari kerja sejak permohonan diterima, dan apabila tidak menepati"
    " janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku."
    "\n\n{place}, 2 Januari 2025\n{head}"
)

SOP = (
    "1. Pemohon mengajukan permohonan informasi secara langsung, melalui surat, e-mail atau"
    " formulir daring Terbuka.\n"
    "2. Petugas mencatat permohonan dan memberikan nomor registrasi pada saat itu juga"
    " (UU 14/2008 Pasal 22 ayat 4).\n"
    "3. PPID memeriksa kelengkapan identitas pemohon dan meneruskan permohonan kepada PPID"
    " Pelaksana yang menguasai informasi.\n"
    "4. PPID memberikan pemberitahuan tertulis paling lambat 10 hari kerja sejak permohonan"
    " diterima; dapat diperpanjang satu kali paling lama 7 hari kerja dengan alasan tertulis"
    " (Pasal 22 ayat 7 dan 8).\n"
    "5. Informasi diberikan tanpa biaya; biaya penggandaan dan pengiriman ditanggung pemohon"
    " sesuai tarif yang diumumkan.\n"
    "6. Pemohon yang tidak puas dapat mengajukan keberatan kepada Atasan PPID dalam 30 hari"
    " kerja (Pasal 35 dan 36)."
)


@dataclass
class DemoBody:
    code: str
    slug: str
    name: str
    kind: str
    parent: str | None = None  # the parent's code
    short_name: str = ""
    has_own_ppid: bool = False
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opens_at: dt.time = dt.time(8, 0)
    closes_at: dt.time = dt.time(16, 0)
    head: str = ""  # who signs the maklumat


def _agency(
    code: str,
    slug: str,
    name: str,
    short_name: str,
    parent: str,
    address: str,
    phone: str,
    email_local: str,
    domain: str,
) -> DemoBody:
    return DemoBody(
        code=code,
        slug=slug,
        name=name,
        short_name=short_name,
        kind=BodyKind.AGENCY,
        parent=parent,
        address=address,
        phone=phone,
        email=f"{email_local}@{domain}",
        head=f"Kepala {name}",
    )


PKY = "Palangka Raya, Kalimantan Tengah"
MTW = "Muara Teweh, Kabupaten Barito Utara, Kalimantan Tengah"
KALTENG_MAIL = "kalteng.go.id.example"
BARUT_MAIL = "baritoutarakab.go.id.example"
PKY_MAIL = "palangkaraya.go.id.example"

BODIES: list[DemoBody] = [
    DemoBody(
        code="KALTENG",
        slug="provinsi-kalimantan-tengah",
        name="Provinsi Kalimantan Tengah",
        short_name="Pemprov Kalteng",
        kind=BodyKind.PROVINCE,
        has_own_ppid=True,
        address=f"Jl. RTA Milono No. 1, {PKY} 73111",
        phone="(0536) 3221000",
        email=f"ppid.demo@{KALTENG_MAIL}",
        website="https://ppid.kalteng.go.id.example/",
        head="Gubernur Kalimantan Tengah",
    ),
    _agency(
        "DISKOMINFOSANTIK",
        "diskominfosantik-kalteng",
        "Dinas Komunikasi, Informatika, Persandian dan Statistik",
        "Diskominfosantik",
        "KALTENG",
        f"Jl. Willem AS No. 4, {PKY} 73112",
        "(0536) 3225111",
        "diskominfosantik.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "DINKES",
        "dinkes-kalteng",
        "Dinas Kesehatan",
        "Dinkes",
        "KALTENG",
        f"Jl. Yos Sudarso No. 9, {PKY} 73112",
        "(0536) 3221503",
        "dinkes.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "DISDIK",
        "disdik-kalteng",
        "Dinas Pendidikan",
        "Disdik",
        "KALTENG",
        f"Jl. Tjilik Riwut Km 5,5, {PKY} 73112",
        "(0536) 3222614",
        "disdik.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "BAPPEDALITBANG",
        "bappedalitbang-kalteng",
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
        "Bappedalitbang",
        "KALTENG",
        f"Jl. Diponegoro No. 60, {PKY} 73111",
        "(0536) 3221645",
        "bappedalitbang.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "BPKAD",
        "bpkad-kalteng",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        "KALTENG",
        f"Jl. Imam Bonjol No. 8, {PKY} 73111",
        "(0536) 3222177",
        "bpkad.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "PUPR",
        "pupr-kalteng",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        "KALTENG",
        f"Jl. Brigjend Katamso No. 1, {PKY} 73112",
        "(0536) 3221072",
        "pupr.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "BPBD",
        "bpbd-kalteng",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "KALTENG",
        f"Jl. Cilik Riwut Km 5, {PKY} 73112",
        "(0536) 3230112",
        "bpbd.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "DINSOS",
        "dinsos-kalteng",
        "Dinas Sosial",
        "Dinsos",
        "KALTENG",
        f"Jl. Tambun Bungai No. 24, {PKY} 73111",
        "(0536) 3221736",
        "dinsos.demo",
        KALTENG_MAIL,
    ),
    _agency(
        "INSPEKTORAT",
        "inspektorat-kalteng",
        "Inspektorat",
        "Inspektorat",
        "KALTENG",
        f"Jl. Dr. Murjani No. 3, {PKY} 73111",
        "(0536) 3221277",
        "inspektorat.demo",
        KALTENG_MAIL,
    ),
    DemoBody(
        code="BARUT",
        slug="kabupaten-barito-utara",
        name="Kabupaten Barito Utara",
        short_name="Pemkab Barito Utara",
        kind=BodyKind.REGENCY,
        parent="KALTENG",
        has_own_ppid=True,
        address=f"Jl. Ahmad Yani No. 1, {MTW} 73811",
        phone="(0519) 21005",
        email=f"ppid.demo@{BARUT_MAIL}",
        website="https://ppid.baritoutarakab.go.id.example/",
        opens_at=dt.time(7, 30),
        closes_at=dt.time(15, 30),
        head="Bupati Barito Utara",
    ),
    _agency(
        "DISKOMINFOSANDI-BARUT",
        "diskominfosandi-barut",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Barito Utara",
        "Diskominfosandi Barut",
        "BARUT",
        f"Jl. Ahmad Yani No. 126, {MTW} 73811",
        "(0519) 21450",
        "diskominfosandi.demo",
        BARUT_MAIL,
    ),
    _agency(
        "DINKES-BARUT",
        "dinkes-barut",
        "Dinas Kesehatan Kabupaten Barito Utara",
        "Dinkes Barut",
        "BARUT",
        f"Jl. Dahlia No. 4, {MTW} 73811",
        "(0519) 21112",
        "dinkes.demo",
        BARUT_MAIL,
    ),
    _agency(
        "DISDIK-BARUT",
        "disdik-barut",
        "Dinas Pendidikan Kabupaten Barito Utara",
        "Disdik Barut",
        "BARUT",
        f"Jl. Pramuka No. 8, {MTW} 73811",
        "(0519) 21076",
        "disdik.demo",
        BARUT_MAIL,
    ),
    _agency(
        "PUPR-BARUT",
        "pupr-barut",
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Barito Utara",
        "Dinas PUPR Barut",
        "BARUT",
        f"Jl. Negara Km 3, {MTW} 73811",
        "(0519) 21233",
        "pupr.demo",
        BARUT_MAIL,
    ),
    _agency(
        "BPBD-BARUT",
        "bpbd-barut",
        "Badan Penanggulangan Bencana Daerah Kabupaten Barito Utara",
        "BPBD Barut",
        "BARUT",
        f"Jl. Yetro Sinseng No. 2, {MTW} 73811",
        "(0519) 21340",
        "bpbd.demo",
        BARUT_MAIL,
    ),
    DemoBody(
        code="PKY",
        slug="kota-palangka-raya",
        name="Kota Palangka Raya",
        short_name="Pemkot Palangka Raya",
        kind=BodyKind.CITY,
        parent="KALTENG",
        has_own_ppid=True,
        address=f"Jl. Tjilik Riwut Km 5,5, {PKY} 73112",
        phone="(0536) 3221105",
        email=f"ppid.demo@{PKY_MAIL}",
        website="https://ppid.palangkaraya.go.id.example/",
        head="Wali Kota Palangka Raya",
    ),
    _agency(
        "DISKOMINFO-PKY",
        "diskominfo-palangka-raya",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Palangka Raya",
        "Diskominfo Palangka Raya",
        "PKY",
        f"Jl. Tjilik Riwut Km 5,5, {PKY} 73112",
        "(0536) 3227380",
        "diskominfo.demo",
        PKY_MAIL,
    ),
    _agency(
        "DINKES-PKY",
        "dinkes-palangka-raya",
        "Dinas Kesehatan Kota Palangka Raya",
        "Dinkes Palangka Raya",
        "PKY",
        f"Jl. Tjilik Riwut Km 6, {PKY} 73112",
        "(0536) 3221611",
        "dinkes.demo",
        PKY_MAIL,
    ),
    _agency(
        "DLH-PKY",
        "dlh-palangka-raya",
        "Dinas Lingkungan Hidup Kota Palangka Raya",
        "DLH Palangka Raya",
        "PKY",
        f"Jl. Diponegoro No. 21, {PKY} 73111",
        "(0536) 3224540",
        "dlh.demo",
        PKY_MAIL,
    ),
]

DEMO_CODES = [body.code for body in BODIES]


@dataclass
class DemoOfficer:
    username: str
    first_name: str
    last_name: str
    body: str  # code
    kind: str
    position: str


OFFICERS: list[DemoOfficer] = [
    DemoOfficer(
        "atasan.kalteng",
        "Hendra",
        "Wijaya",
        "KALTENG",
        RoleKind.ATASAN,
        "Sekretaris Daerah Provinsi Kalimantan Tengah",
    ),
    # The province's PPID Utama sits at Diskominfosantik; the role is on the province's
    # own record, the body that has the PPID Utama.
    DemoOfficer(
        "utama.kalteng",
        "Rina",
        "Kartikasari",
        "KALTENG",
        RoleKind.UTAMA,
        "Kepala Dinas Komunikasi, Informatika, Persandian dan Statistik",
    ),
    DemoOfficer(
        "operator.kalteng",
        "Yosef",
        "Pratama",
        "KALTENG",
        RoleKind.OPERATOR,
        "Petugas Layanan Informasi, Diskominfosantik",
    ),
    DemoOfficer(
        "pelaksana.dinkes",
        "Maria",
        "Ulfah",
        "DINKES",
        RoleKind.PELAKSANA,
        "Sekretaris Dinas Kesehatan",
    ),
    DemoOfficer(
        "pelaksana.pupr",
        "Agus",
        "Setiawan",
        "PUPR",
        RoleKind.PELAKSANA,
        "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang",
    ),
    DemoOfficer(
        "utama.barut",
        "Dewi",
        "Lestari",
        "BARUT",
        RoleKind.UTAMA,
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
    ),
    DemoOfficer(
        "atasan.barut",
        "Rahmat",
        "Hidayat",
        "BARUT",
        RoleKind.ATASAN,
        "Sekretaris Daerah Kabupaten Barito Utara",
    ),
    DemoOfficer(
        "utama.palangkaraya",
        "Yohana",
        "Tanduk",
        "PKY",
        RoleKind.UTAMA,
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
    ),
]


@dataclass
class DemoRequester:
    username: str
    full_name: str
    nik: str
    address: str
    phone: str


# Valid NIKs by python-stdnum's rules: 62 71 01 = Kota Palangka Raya, Kec. Pahandut;
# 410190 = a woman born 1 January 1990; 050585 = a man born 5 May 1985.
REQUESTERS: list[DemoRequester] = [
    DemoRequester(
        "pemohon.satu",
        "Siti Rahmawati",
        "6271014101900001",
        "Jl. Rajawali VII No. 15, Kel. Bukit Tunggal, Palangka Raya 73112",
        "081251230001",
    ),
    DemoRequester(
        "pemohon.dua",
        "Budi Santoso",
        "6271010505850002",
        "Jl. Temanggung Tilung XII No. 3, Kel. Menteng, Palangka Raya 73112",
        "082154670002",
    ),
]


def _email(username: str) -> str:
    return f"{username}@demo.terbuka.example"


def _seed_bodies() -> dict[str, Body]:
    by_code: dict[str, Body] = {}
    for spec in BODIES:
        place = "Muara Teweh" if "Muara Teweh" in spec.address else "Palangka Raya"
        body, _created = Body.objects.update_or_create(
            code=spec.code,
            defaults={
                "slug": spec.slug,
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "parent": by_code[spec.parent] if spec.parent else None,
                "has_own_ppid": spec.has_own_ppid,
                "address": spec.address,
                "phone": spec.phone,
                "email": spec.email,
                "website": spec.website,
                "service_days": "Senin–Jumat",
                "opens_at": spec.opens_at,
                "closes_at": spec.closes_at,
                "maklumat": MAKLUMAT.format(place=place, head=spec.head),
                "sop": SOP,
                "is_active": True,
            },
        )
        by_code[spec.code] = body
    return by_code


def _user(username: str, **fields: object) -> User:
    user, created = User.objects.update_or_create(
        username=username,
        defaults={"email": _email(username), "email_verified": True, "is_active": True, **fields},
    )
    # Checking first keeps a second run from rewriting the hash with a new salt.
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _enrol_demo_authenticator(user: User) -> None:
    """A confirmed authenticator with the published secret, and ten recovery codes.

    A second run keeps the device (and its record of the last code used) and the codes.
    """
    key = twofactor.hex_from_base32(DEMO_TOTP_SECRET)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name=twofactor.TOTP_DEVICE_NAME, key=key, confirmed=True
        )
    elif device.key != key:
        device.key = key
        device.save(update_fields=["key"])
    recovery, _created = StaticDevice.objects.get_or_create(
        user=user, name=twofactor.RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    if not recovery.token_set.exists():
        StaticToken.objects.bulk_create(
            StaticToken(device=recovery, token=StaticToken.random_token())
            for _i in range(twofactor.RECOVERY_CODE_COUNT)
        )


def _seed_officers(by_code: dict[str, Body]) -> None:
    admin = _user(
        "admin", first_name="Admin", last_name="Platform", is_staff=True, is_superuser=True
    )
    _enrol_demo_authenticator(admin)
    for number, spec in enumerate(OFFICERS, start=1):
        user = _user(spec.username, first_name=spec.first_name, last_name=spec.last_name)
        actions.grant_role(
            actor=admin,
            user=user,
            body=by_code[spec.body],
            kind=spec.kind,
            position=spec.position,
            # A made-up NIP in the 18-digit shape (birth date, appointment, sex, number).
            nip=f"198001012005011{number:03d}",
        )
        _enrol_demo_authenticator(user)


def _seed_requesters() -> None:
    for spec in REQUESTERS:
        first, _space, last = spec.full_name.partition(" ")
        user = _user(spec.username, first_name=first, last_name=last)
        profile, _created = RequesterProfile.objects.get_or_create(
            user=user,
            defaults={"full_name": spec.full_name, "requester_type": RequesterType.INDIVIDUAL},
        )
        # Encrypted fields get a new ciphertext on every save: write only what changed.
        wanted = (RequesterType.INDIVIDUAL, spec.full_name, spec.nik, spec.address, spec.phone)
        current = (
            profile.requester_type,
            profile.full_name,
            profile.nik,
            profile.address,
            profile.phone,
        )
        if current != wanted:
            profile.requester_type = RequesterType.INDIVIDUAL
            profile.full_name = spec.full_name
            profile.set_nik(spec.nik)
            profile.address = spec.address
            profile.phone = spec.phone
            profile.save()


def seed(stdout: TextIOBase) -> None:
    by_code = _seed_bodies()
    _seed_officers(by_code)
    _seed_requesters()
    stdout.write(
        f"Badan publik: {len(by_code)}; petugas: {len(OFFICERS) + 1}; pemohon: {len(REQUESTERS)}"
        f" (kata sandi semua akun demo: {DEMO_PASSWORD}; kunci TOTP petugas: {DEMO_TOTP_SECRET})\n"
    )

"""The objects the access-control table (test_access_table.py) points its URLs at.

Everything is built through the real actions, lazily: a table row asks for the objects its
URL needs, and only those are made. A row about a DIP entry does not pay for a written
notice's PDF, so several hundred (URL, persona) cases stay fast.

The story: ``requester`` (Siti) asks Dinas Kesehatan (agency A) for information, with an
attachment and her KTP; the province's PPID Utama forwards it to agency A (disposisi) and
agency A's Pelaksana drafts an answer with a PDF. She also asks the province itself (the
Utama forwards that to agency A) and a unit of the regency, which has its own PPID. Two
more of her requests to agency A are answered with a released document and the letter;
one allowed publication in the public log, the other did not. Agency A has a published DIP
entry with a document, an entry not yet published, an exempt item (DIK) and a checked
import waiting for confirmation; the regency's unit has an entry of its own. Agency A has a
draft of its monev self-assessment with a PDF as evidence. Siti asks the
province's data-protection officer (DPO) for a copy of her data, and the DPO has recorded
a breach; the regency's DPO has recorded one of his own.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from terbuka.accounts.models import User
from terbuka.accounts.tokens import email_verification_token
from terbuka.api import actions as api_actions
from terbuka.api.models import PersonalToken
from terbuka.bodies.models import Body, BodyKind
from terbuka.catalog import actions as catalog_actions
from terbuka.catalog import importing
from terbuka.catalog import shielding as catalog_shielding
from terbuka.catalog.models import Document, Entry, Exemption
from terbuka.disputes import actions as dispute_actions
from terbuka.disputes.models import Dispute
from terbuka.letters.models import IssuedLetter
from terbuka.monev import actions as monev_actions
from terbuka.monev.models import Assessment, Question
from terbuka.privacy import actions as privacy_actions
from terbuka.privacy.models import Breach, DataSubjectRequest, SubjectRequestKind
from terbuka.redaction import actions as redaction_actions
from terbuka.redaction.engine import Area
from terbuka.redaction.models import Redaction
from terbuka.remedies import actions as remedy_actions
from terbuka.remedies.models import Objection
from terbuka.requests import actions as request_actions
from terbuka.requests import shielding as requests_shielding
from terbuka.requests.models import (
    Disposition,
    InfoRequest,
    RequestFile,
)
from terbuka.testing import (
    ENTRY_VALUES,
    EXEMPTION_VALUES,
    NIK_SATU,
    World,
    add_dpo,
    answer_request,
    draft_answer,
    forward_to_a,
    pdf_upload,
    submit_request,
)
from terbuka.workdays import actions as workdays_actions
from terbuka.workdays.models import CalendarDay, DayKind


class Scenario:
    """The objects of the story above, each made on first use."""

    def __init__(self, world: World, dpo: User) -> None:
        self.world = world
        self.dpo = dpo

    # --- information requests -----------------------------------------------------------

    def _submit(
        self, *, body: Body | None = None, publish_allowed: bool = False, **extra: Any
    ) -> InfoRequest:
        return submit_request(self.world, body=body, publish_allowed=publish_allowed, **extra)

    @cached_property
    def disposition(self) -> Disposition:
        """The open request, forwarded to agency A, whose Pelaksana has drafted an answer
        (the disposisi stays open until the notice is sent)."""
        info_request = self._submit(
            attachments=[pdf_upload("lampiran.pdf", "Lampiran")],
            identity_documents=[pdf_upload("ktp.pdf", "KTP Siti")],
        )
        disposition = forward_to_a(self.world, info_request)
        draft_answer(self.world, disposition)
        return disposition

    @property
    def open_request(self) -> InfoRequest:
        return self.disposition.info_request

    @cached_property
    def forwarded_request(self) -> InfoRequest:
        """Addressed to the province itself; agency A sees it only through the disposisi."""
        info_request = self._submit(body=self.world.province)
        forward_to_a(self.world, info_request)
        return info_request

    @cached_property
    def regency_request(self) -> InfoRequest:
        """Addressed to a unit of the regency, which has its own PPID Utama."""
        return self._submit(
            body=self.world.regency_agency,
            attachments=[pdf_upload("lampiran.pdf", "Lampiran")],
        )

    def _answered(self, *, publish_allowed: bool) -> InfoRequest:
        info_request = answer_request(self.world, self._submit(publish_allowed=publish_allowed))
        requests_shielding.scan_pending()  # what the worker does: the shield lets it out
        return info_request

    @cached_property
    def held_request(self) -> InfoRequest:
        """Answered and in the public log, but its released document carries a NIK: the
        shield holds it."""
        info_request = self._submit(publish_allowed=True)
        disposition = forward_to_a(self.world, info_request)
        request_actions.submit_draft(
            actor=self.world.pelaksana_a,
            disposition=disposition,
            draft_text="Daftar penerima terlampir.",
            files=[pdf_upload("penerima.pdf", f"NIK {NIK_SATU}")],
        )
        answer_request(self.world, info_request)
        requests_shielding.scan_pending()
        return info_request

    @cached_property
    def published_request(self) -> InfoRequest:
        """Answered, and its requester allowed it in the public request log."""
        return self._answered(publish_allowed=True)

    @cached_property
    def unpublished_request(self) -> InfoRequest:
        """Answered, but kept out of the public request log."""
        return self._answered(publish_allowed=False)

    @cached_property
    def issued_letter(self) -> IssuedLetter:
        """The written notice of the request kept out of the public log: whoever holds the
        letter holds its code, and the verification page shows nothing personal."""
        return IssuedLetter.objects.get(subject=f"notice:{self.unpublished_request.public_id}")

    def file(self, info_request: InfoRequest, kind: str) -> RequestFile:
        return RequestFile.objects.filter(info_request=info_request, kind=kind).earliest("pk")

    # --- objections (remedies) ----------------------------------------------------------

    @cached_property
    def objection(self) -> Objection:
        """Siti objects (through a proxy, with his power of attorney and an attachment) to
        the answer of her unpublished request: the province's Atasan decides it."""
        return remedy_actions.file_objection(
            actor=self.world.requester,
            info_request=self.unpublished_request,
            content=remedy_actions.ObjectionContent(
                grounds=["d"],
                case_description="Yang diberikan bukan data yang diminta.",
                proxy_name="Andi Kuasa",
                attachments=[pdf_upload("bukti.pdf", "Bukti")],
                power_of_attorney=[pdf_upload("kuasa.pdf", "Surat kuasa Siti")],
            ),
        )

    @cached_property
    def decided_objection(self) -> Objection:
        """Siti objects to the answer of another answered request; the province's Atasan
        upholds the PPID's decision with written reasons: her dispute window is open (the
        answer letter, the dossier)."""
        objection = remedy_actions.file_objection(
            actor=self.world.requester,
            info_request=self._answered(publish_allowed=False),
            content=remedy_actions.ObjectionContent(
                grounds=["d"],
                case_description="Yang diberikan bukan data yang diminta.",
                attachments=[pdf_upload("bukti.pdf", "Bukti")],
            ),
        )
        return remedy_actions.decide(
            actor=self.world.atasan,
            objection=objection,
            upheld=True,
            reasons="Data yang diberikan sudah sesuai permohonan.",
        )

    @property
    def dossier_objection(self) -> Objection:
        return self.decided_objection

    def objection_file(self, kind: str) -> RequestFile:
        return self.file(self.objection.info_request, kind)

    # --- disputes -------------------------------------------------------------------------

    @cached_property
    def dispute(self) -> Dispute:
        """Siti takes the upheld objection to the provincial Komisi Informasi; the
        province's PPID Utama records it with its registration."""
        today = timezone.localdate()
        return dispute_actions.record_from_objection(
            actor=self.world.utama,
            objection=self.decided_objection,
            petition=dispute_actions.Petition(
                petitioner_name="Siti Rahmawati",
                filed_on=today,
                registration_number="001/I/KI-Kalteng-PS/2025",
                registered_on=today,
            ),
        )

    # --- the monev self-assessment ----------------------------------------------------

    @cached_property
    def monev_draft(self) -> Assessment:
        """Agency A's monev self-assessment of 2025 (the shipped questionnaire), a draft by
        its Pelaksana with a PDF as evidence of question 1.1.1.0."""
        world = self.world
        assessment = monev_actions.start(actor=world.pelaksana_a, body=world.agency_a, year=2025)
        monev_actions.save_answers(
            actor=world.pelaksana_a,
            assessment=assessment,
            answers={
                self.monev_question.pk: monev_actions.AnswerInput(
                    value="ya", reason="DIP ditetapkan di luar Terbuka.", upload=pdf_upload()
                )
            },
        )
        return assessment

    @cached_property
    def monev_question(self) -> Question:
        return Question.objects.get(indicator__questionnaire__year=2025, code="1.1.1.0")

    # --- the DIP (catalog) --------------------------------------------------------------

    @cached_property
    def entry(self) -> Entry:
        """A published DIP entry of agency A."""
        return catalog_actions.create_entry(
            actor=self.world.pelaksana_a, body=self.world.agency_a, **ENTRY_VALUES
        )

    @cached_property
    def document(self) -> Document:
        document = catalog_actions.add_document(
            actor=self.world.pelaksana_a,
            entry=self.entry,
            title="Laporan realisasi anggaran",
            upload=pdf_upload("lra-2024.pdf", "Laporan Realisasi Anggaran"),
        )
        catalog_shielding.scan_pending()  # what the worker does: the shield lets it out
        return document

    @cached_property
    def held_document(self) -> Document:
        """A document of agency A's published entry that carries a NIK: held."""
        document = catalog_actions.add_document(
            actor=self.world.pelaksana_a,
            entry=self.entry,
            title="Daftar penerima bantuan",
            upload=pdf_upload("penerima.pdf", f"NIK {NIK_SATU}"),
        )
        catalog_shielding.scan_pending()
        return document

    @cached_property
    def redacted_document(self) -> Redaction:
        """A published DIP document of agency A whose first version was blacked out: the
        original is set aside, for agency A's officers only."""
        document = catalog_actions.add_document(
            actor=self.world.pelaksana_a,
            entry=self.entry,
            title="Daftar penerima bantuan",
            upload=pdf_upload("penerima.pdf", "Daftar penerima"),
        )
        return redaction_actions.redact_document_version(
            actor=self.world.pelaksana_a,
            version=document.versions.get(),
            areas=[Area(1, 0.1, 0.1, 0.5, 0.2, "h")],
        )

    @cached_property
    def unpublished_entry(self) -> Entry:
        """An entry of agency A that is not (yet) published."""
        return catalog_actions.create_entry(
            actor=self.world.pelaksana_a,
            body=self.world.agency_a,
            **{**ENTRY_VALUES, "number": "2", "is_published": False},
        )

    @cached_property
    def unpublished_document(self) -> Document:
        return catalog_actions.add_document(
            actor=self.world.pelaksana_a,
            entry=self.unpublished_entry,
            title="Rancangan laporan",
            upload=pdf_upload("rancangan.pdf", "Rancangan"),
        )

    @cached_property
    def regency_entry(self) -> Entry:
        """A DIP entry of the regency's health office, kept by the regency's PPID."""
        return catalog_actions.create_entry(
            actor=self.world.regency_officer, body=self.world.regency_agency, **ENTRY_VALUES
        )

    @cached_property
    def exemption(self) -> Exemption:
        return catalog_actions.create_exemption(
            actor=self.world.pelaksana_a, body=self.world.agency_a, **EXEMPTION_VALUES
        )

    @cached_property
    def import_job(self) -> importing.ImportJob:
        """A checked import of agency A, waiting for its officer's confirmation."""
        headers = importing.template_headers()
        example = importing.template_row()
        lines = [headers, example]
        content = "\n".join(",".join(f'"{cell}"' for cell in line) for line in lines) + "\n"
        upload = SimpleUploadedFile("impor.csv", content.encode("utf-8"), content_type="text/csv")
        return importing.start_job(
            actor=self.world.pelaksana_a, body=self.world.agency_a, upload=upload
        )

    @cached_property
    def inactive_body(self) -> Body:
        """A body taken off the directory (merged into another)."""
        return Body.objects.create(
            name="Badan yang Sudah Dilebur",
            code="LEBUR",
            slug="badan-lebur",
            kind=BodyKind.AGENCY,
            parent=self.world.province,
            is_active=False,
        )

    # --- the calendar -------------------------------------------------------------------

    @cached_property
    def calendar_day(self) -> CalendarDay:
        """Agency A's own holiday, which the province's PPID Utama manages."""
        return workdays_actions.add_day(
            actor=self.world.admin,
            date=dt.date(2025, 8, 15),
            name="Hari jadi Dinas Kesehatan",
            kind=DayKind.REGIONAL,
            body=self.world.agency_a,
        )

    @cached_property
    def national_day(self) -> CalendarDay:
        """A national holiday: the platform administrator's, in the Django admin."""
        return workdays_actions.add_day(
            actor=self.world.admin,
            date=dt.date(2025, 8, 18),
            name="Cuti bersama Hari Kemerdekaan",
            kind=DayKind.EXTRA,
        )

    # --- privacy ------------------------------------------------------------------------

    @cached_property
    def subject_request(self) -> DataSubjectRequest:
        """Siti asks the province's DPO for a copy of her data (UU 27/2022 Pasal 7)."""
        created = privacy_actions.submit_subject_request(
            actor=self.world.requester, kind=SubjectRequestKind.ACCESS, details="Salinan data saya"
        )
        # One per controller holding her requests (the regency's too, if she asked it).
        return next(item for item in created if item.body_id == self.world.province.pk)

    def _breach(self, actor: User, body: Body) -> Breach:
        return privacy_actions.record_breach(
            actor=actor,
            body=body,
            discovered_at=timezone.now() - dt.timedelta(hours=2),
            description="Lampiran permohonan terkirim ke alamat e-mail yang salah.",
            data_categories="Nama, alamat",
            people_affected_count=1,
        )

    @cached_property
    def breach(self) -> Breach:
        return self._breach(self.dpo, self.world.province)

    @cached_property
    def regency_breach(self) -> Breach:
        return self._breach(add_dpo("dpo.barut", self.world.regency), self.world.regency)

    # --- the API ------------------------------------------------------------------------

    @cached_property
    def personal_token(self) -> PersonalToken:
        """Siti's personal API token, made on her token page's action."""
        token, _secret = api_actions.issue_personal_token(
            actor=self.world.requester, name="Aplikasi ponsel", days=30
        )
        return token

    # --- account links ------------------------------------------------------------------

    def uidb64(self, user: User) -> str:
        return urlsafe_base64_encode(force_bytes(user.pk))

    def verification_token(self) -> str:
        """The e-mail verification link's token, as mailed to an unverified requester."""
        user = self.world.requester
        User.objects.filter(pk=user.pk).update(email_verified=False)
        user.refresh_from_db()
        return email_verification_token.make_token(user)

    def reset_token(self) -> str:
        return default_token_generator.make_token(self.world.requester)

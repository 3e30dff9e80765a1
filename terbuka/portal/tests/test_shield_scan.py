"""``manage.py shield_scan``: after the upgrade, the documents nobody scanned yet."""

from __future__ import annotations

import io

from django.core.management import call_command

from terbuka.catalog import actions as catalog_actions
from terbuka.catalog.models import DocumentVersion
from terbuka.requests.models import FileKind, RequestFile
from terbuka.shield.state import ShieldState
from terbuka.testing import NIK_DUA, World, answer_request, make_entry, pdf_upload, submit_request


def test_it_scans_what_is_pending_once_and_says_what_it_did(world: World) -> None:
    entry = make_entry(world.pelaksana_a, world.agency_a)
    catalog_actions.add_document(
        actor=world.pelaksana_a,
        entry=entry,
        title="Penerima",
        upload=pdf_upload("penerima.pdf", f"NIK {NIK_DUA}"),
    )
    info_request = answer_request(world, submit_request(world, publish_allowed=True))
    out = io.StringIO()
    call_command("shield_scan", stdout=out)
    assert out.getvalue().splitlines() == ["DIP: held: 1", "permohonan: clear: 1"]
    assert DocumentVersion.objects.get().shield_state == ShieldState.HELD
    released = RequestFile.objects.get(info_request=info_request, kind=FileKind.RELEASED)
    assert released.shield_state == ShieldState.CLEAR
    again = io.StringIO()
    call_command("shield_scan", stdout=again)
    assert again.getvalue().splitlines() == [
        "DIP: tidak ada yang menunggu",
        "permohonan: tidak ada yang menunggu",
    ]

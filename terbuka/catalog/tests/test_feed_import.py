"""``manage.py import_dip_feed``: an OpenSID-style village feed into a body's DIP,
idempotent, from a file or a local http server, with clear errors."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terbuka.catalog.models import Category, Entry

ITEMS: list[dict[str, Any]] = [
    {
        "id": 11,
        "nama": "APBDes Desa Tumbang Jutuh 2025",
        "keterangan": "Anggaran pendapatan dan belanja desa tahun 2025.",
        "kategori_info_publik": 1,
        "tahun": 2025,
        "tgl_upload": "2025-01-20 10:11:12",
        "url": "https://desa.example.id/dokumen/apbdes-2025.pdf",
        "satuan": "apbdes_2025.pdf",
        "enabled": 1,
    },
    {
        "id": 12,
        "nama": "Pengumuman banjir di Dusun II",
        "keterangan": "Jalur evakuasi dan posko pengungsian.",
        "kategori_info_publik": "2",
        "tahun": "2025",
        "tgl_upload": "2025-03-02",
        "enabled": 1,
    },
    {
        "id": 13,
        "judul": "Peraturan Desa tentang Pungutan Desa",
        "kategori": "Informasi Setiap Saat",
        "retensi_number": 10,
        "retensi_unit": "tahun",
        "satuan_kerja": "Sekretariat Desa",
    },
    {"id": 14, "nama": "Data penerima bantuan (dikecualikan)", "kategori_info_publik": 4},
]


def write_feed(tmp_path: Path, payload: Any, name: str = "feed.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def run(source: str, slug: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dip_feed", source, body=slug, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def village(world: Any) -> Any:
    return world.regency_agency


def test_it_imports_a_bare_list_of_opensid_items(world: Any, village: Any, tmp_path: Path) -> None:
    out, err = run(write_feed(tmp_path, ITEMS), village.slug)
    assert "3 entri baru, 0 diperbarui, 0 tidak berubah, 0 ditarik, 1 dilewati" in out
    assert "Item ke-4 (id 14) dilewati: informasi dikecualikan tidak masuk DIP" in err
    apbdes = Entry.objects.get(body=village, source_key="11")
    assert apbdes.title == "APBDes Desa Tumbang Jutuh 2025"
    assert apbdes.category == Category.BERKALA
    assert apbdes.created_when == "2025"
    assert apbdes.published_on.isoformat() == "2025-01-20"
    assert apbdes.holder == village.name  # "satuan" is a file name in OpenSID, not a unit
    assert [d.link for d in apbdes.documents.all()] == [
        "https://desa.example.id/dokumen/apbdes-2025.pdf"
    ]
    assert Entry.objects.get(source_key="12").category == Category.SERTA_MERTA
    perdes = Entry.objects.get(source_key="13")
    assert perdes.category == Category.SETIAP_SAAT
    assert perdes.retention == "10 tahun"
    assert perdes.holder == "Sekretariat Desa"
    assert perdes.summary == perdes.title


def test_it_is_idempotent_and_updates_what_changed(
    world: Any, village: Any, tmp_path: Path
) -> None:
    source = write_feed(tmp_path, ITEMS)
    run(source, village.slug)
    stamps = dict(Entry.objects.values_list("source_key", "updated_at"))
    out, _err = run(source, village.slug)
    assert "0 entri baru, 0 diperbarui, 3 tidak berubah" in out
    assert Entry.objects.filter(body=village).count() == 3
    assert dict(Entry.objects.values_list("source_key", "updated_at")) == stamps
    changed = [dict(ITEMS[0], keterangan="APBDes setelah perubahan."), *ITEMS[1:]]
    out, _err = run(write_feed(tmp_path, {"data": changed}, "feed2.json"), village.slug)
    assert "0 entri baru, 1 diperbarui, 2 tidak berubah" in out
    assert Entry.objects.get(source_key="11").summary == "APBDes setelah perubahan."
    assert Entry.objects.get(source_key="11").documents.count() == 1


def test_it_reads_json_api_items_under_data(world: Any, village: Any, tmp_path: Path) -> None:
    payload = {
        "data": [
            {
                "type": "dokumen",
                "id": "77",
                "attributes": {k: v for k, v in ITEMS[0].items() if k != "id"},
            }
        ],
        "meta": {"pagination": {"total": 1}},
    }
    out, _err = run(write_feed(tmp_path, payload), village.slug)
    assert "1 entri baru" in out
    assert Entry.objects.get(source_key="77").title == "APBDes Desa Tumbang Jutuh 2025"


def test_the_same_item_id_in_two_bodies_makes_two_entries(
    world: Any, village: Any, tmp_path: Path
) -> None:
    source = write_feed(tmp_path, ITEMS[:1])
    run(source, village.slug)
    run(source, world.regency.slug)
    assert Entry.objects.filter(source_key="11").count() == 2


def test_an_unpublished_item_is_kept_out_of_the_public_dip(
    world: Any, village: Any, tmp_path: Path
) -> None:
    run(write_feed(tmp_path, [dict(ITEMS[0], enabled=0)]), village.slug)
    assert Entry.objects.published().count() == 0
    assert Entry.objects.count() == 1


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_fetches_a_feed_over_http(
    world: Any, village: Any, tmp_path: Path, local_server: str
) -> None:
    write_feed(tmp_path, {"data": ITEMS}, "informasi-publik.json")
    out, _err = run(f"{local_server}/informasi-publik.json", village.slug)
    assert "3 entri baru" in out
    with pytest.raises(CommandError, match="Feed tidak dapat diambil"):
        run(f"{local_server}/tidak-ada.json", village.slug)


def test_it_refuses_a_feed_over_the_size_cap(
    world: Any, village: Any, tmp_path: Path, local_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from terbuka.catalog import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 100)
    write_feed(tmp_path, ITEMS, "besar.json")
    with pytest.raises(CommandError, match="lebih besar dari"):
        run(f"{local_server}/besar.json", village.slug)
    assert Entry.objects.count() == 0


def test_it_exits_with_status_2_for_an_unknown_body(world: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="tidak ditemukan") as caught:
        run(write_feed(tmp_path, ITEMS), "desa-antah-berantah")
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "bukan JSON yang sah"),
        ('{"items": []}', "daftar"),
        ('"teks"', "daftar"),
    ],
)
def test_it_explains_a_malformed_feed(
    world: Any, village: Any, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "rusak.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(path), village.slug)
    assert Entry.objects.count() == 0


def test_it_refuses_other_url_schemes_and_missing_files(
    world: Any, village: Any, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="http"):
        run("file:///etc/passwd", village.slug)
    with pytest.raises(CommandError, match="http"):
        run("ftp://desa.example.id/feed.json", village.slug)
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run(str(tmp_path / "tidak-ada.json"), village.slug)


def test_it_skips_items_without_id_or_title_and_keeps_the_rest(
    world: Any, village: Any, tmp_path: Path
) -> None:
    items = [{"nama": "Tanpa id", "kategori_info_publik": 1}, {"id": 5}, "teks", ITEMS[1]]
    out, err = run(write_feed(tmp_path, items), village.slug)
    assert "1 entri baru" in out
    assert "tidak ada id" in err
    assert "tidak ada nama/judul" in err
    assert "bukan objek JSON" in err

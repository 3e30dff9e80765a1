import pytest

from terbuka.requests.models import ServiceSettings
from terbuka.testing import submit_request


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def test_the_admin_shows_requests_read_only_without_personal_data(admin_client, world):
    info_request = submit_request(world)
    listing = admin_client.get("/admin/requests/inforequest/")
    assert listing.status_code == 200
    assert info_request.number in listing.content.decode()
    page = admin_client.get(f"/admin/requests/inforequest/{info_request.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "6271014101900001" not in html
    assert "Tjilik Riwut" not in html
    assert "081234567890" not in html
    assert 'name="_save"' not in html
    assert admin_client.get("/admin/requests/inforequest/add/").status_code == 403


def test_the_admin_edits_service_settings_and_checks_the_format(admin_client, world):
    response = admin_client.post(
        "/admin/requests/servicesettings/add/",
        {
            "body": world.province.pk,
            "number_format": "{seq}/{nonsense}",
            "number_code": "",
            "fee_per_page": 500,
            "identity_restarts_clock": "on",
            "identity_days": 3,
        },
    )
    assert response.status_code == 200
    assert "Format nomor tidak valid" in response.content.decode()
    assert not ServiceSettings.objects.exists()

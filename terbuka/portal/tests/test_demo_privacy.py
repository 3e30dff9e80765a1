"""Requesters' personal data never appear on the public pages of the demo
(UU 14/2008 Pasal 17 huruf h; UU 27/2022)."""

from django.test import Client

from terbuka.accounts.models import RequesterProfile
from terbuka.bodies.models import Body


def test_public_body_pages_never_show_requesters_personal_data(
    client: Client, seeded_demo: None
) -> None:
    secrets = []
    for profile in RequesterProfile.objects.select_related("user"):
        secrets += [profile.nik, profile.address, profile.phone, profile.user.email]
        # Also the parts a careless template might print on their own.
        secrets += [profile.address.split(",")[0], profile.phone[-8:]]
    assert len(secrets) == 12 and all(secrets)

    urls = ["/", "/badan-publik/", "/badan-publik/?q=Siti", "/badan-publik/?q=Budi"]
    urls += [body.get_absolute_url() for body in Body.objects.all()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in secrets:
            assert secret not in html, f"{url} shows {secret!r}"

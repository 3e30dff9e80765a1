import pytest
from django.test import Client


@pytest.mark.django_db
def test_it_answers_200_when_database_is_migrated(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "pending_migrations": 0}


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_with_pending_migrations(client: Client) -> None:
    from django.core.management import call_command

    call_command("migrate", "workdays", "zero", verbosity=0)
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["pending_migrations"] >= 1
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_home_page_renders_in_indonesian(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Langsung ke konten utama" in response.content.decode()

"""The inbox's visibility rows (``Visibility``): kept by every action that changes who
sees a request (submission, registration at the desk, disposisi, referral), filled for
the requests made before them, and always the same set the three ways of seeing gave."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.test import Client

from terbuka.bodies import permissions
from terbuka.requests import access, actions
from terbuka.requests.models import Disposition, InfoRequest, Outcome, Visibility
from terbuka.testing import forward_to_a, register_request, submit_request

INBOX = "/permohonan/petugas/"


def rows_of(info_request: InfoRequest) -> set[tuple[int, bool, bool]]:
    return set(
        Visibility.objects.filter(info_request=info_request).values_list(
            "body_id", "handles", "works"
        )
    )


def three_ways(user: Any) -> set[int]:
    """Who sees what, as the inbox asked before the rows existed: an OR of three."""
    own = permissions.body_ids(user, permissions.OFFICER_KINDS)
    handled = permissions.body_ids(user, permissions.HANDLER_KINDS)
    forwarded = Disposition.objects.filter(unit_id__in=own).values("info_request_id")
    return set(
        InfoRequest.objects.filter(
            Q(ppid_body_id__in=handled) | Q(body_id__in=own) | Q(pk__in=forwarded)
        ).values_list("pk", flat=True)
    )


def officers(world: Any) -> list[Any]:
    return [
        world.utama,
        world.operator,
        world.pelaksana_a,
        world.pelaksana_b,
        world.regency_officer,
        world.atasan,
        world.requester,
    ]


def refer_to_regency(world: Any, info_request: InfoRequest) -> InfoRequest:
    actions.save_notice(
        actor=world.utama,
        info_request=info_request,
        outcome=Outcome.NOT_HELD,
        holding_body=world.regency_agency,
    )
    actions.send_notice(actor=world.utama, info_request=info_request)
    return InfoRequest.objects.get(referred_from=info_request)


def test_it_makes_a_submitted_request_visible_to_its_ppid_and_its_body(world: Any) -> None:
    info_request = submit_request(world, body=world.agency_b)
    assert rows_of(info_request) == {
        (world.province.pk, True, False),
        (world.agency_b.pk, False, True),
    }


def test_it_keeps_one_row_when_the_ppid_body_is_the_body_addressed(world: Any) -> None:
    info_request = register_request(world, received_at=dt.datetime.now(tz=dt.UTC))
    assert rows_of(info_request) == {(world.province.pk, True, True)}


def test_it_adds_the_unit_a_request_is_forwarded_to(client: Client, world: Any) -> None:
    info_request = submit_request(world, body=world.agency_b)
    client.force_login(world.pelaksana_a)
    assert info_request.number not in client.get(INBOX).content.decode()
    forward_to_a(world, info_request)
    assert (world.agency_a.pk, False, True) in rows_of(info_request)
    assert info_request.number in client.get(INBOX).content.decode()


def test_it_makes_a_referral_visible_to_the_body_it_was_referred_to(
    client: Client, world: Any
) -> None:
    info_request = submit_request(world)
    referral = refer_to_regency(world, info_request)
    assert rows_of(referral) == {
        (world.regency.pk, True, False),
        (world.regency_agency.pk, False, True),
    }
    client.force_login(world.regency_officer)
    html = client.get(INBOX).content.decode()
    assert referral.number in html and info_request.number not in html


def test_it_gives_every_persona_what_the_three_ways_gave(world: Any) -> None:
    plain = submit_request(world, body=world.agency_b)
    forward_to_a(world, plain)
    desk = register_request(world, received_at=dt.datetime.now(tz=dt.UTC))
    actions.assign(actor=world.utama, info_request=desk, officer=world.operator)
    refer_to_regency(world, submit_request(world))
    assert InfoRequest.objects.count() == 4
    for user in officers(world):
        seen = set(access.officer_requests(user).values_list("pk", flat=True))
        assert seen == three_ways(user), user.username


def test_it_fills_the_rows_of_requests_made_before_them(world: Any) -> None:
    fill = import_module("terbuka.requests.migrations.0010_inbox_visibility").fill_visibility
    forwarded = submit_request(world, body=world.agency_b)
    forward_to_a(world, forwarded)
    referral = refer_to_regency(world, submit_request(world))
    kept = {item.pk: rows_of(item) for item in InfoRequest.objects.all()}
    Visibility.objects.all().delete()
    fill(apps, None)
    assert {item.pk: rows_of(item) for item in InfoRequest.objects.all()} == kept
    assert rows_of(referral)

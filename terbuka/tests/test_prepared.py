"""A ``Prepared`` query, compiled once, answers each call with that call's values: a
second body gets its own rows, a moment is compared as the database stores it (a local
time in WIT against a UTC column), and a query whose columns are not the ones named is
refused before it runs."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, IntegerField

from terbuka.prepared import Param, Prepared

pytestmark = pytest.mark.django_db

WIT = zoneinfo.ZoneInfo("Asia/Jayapura")


def _users_since() -> Prepared:
    users = get_user_model().objects
    return Prepared(
        lambda: (
            users.filter(date_joined__gte=Param("since", DateTimeField()))
            .order_by("username")
            .values("username")
        ),
        ("username",),
    )


def test_it_answers_each_call_with_its_own_values() -> None:
    users = get_user_model().objects
    first = users.create_user(username="pertama")
    second = users.create_user(username="kedua")
    by_id = Prepared(
        lambda: users.filter(pk=Param("id", IntegerField())).values("username", "pk"),
        ("username", "pk"),
    )

    assert by_id.rows(id=first.pk) == [("pertama", first.pk)]
    assert by_id.rows(id=second.pk) == [("kedua", second.pk)]
    assert by_id.rows(id=-1) == []


def test_it_compares_a_local_moment_as_the_database_stores_it() -> None:
    # 00:30 on 1 January 2025 in Jayapura is 15:30 UTC on 31 December 2024.
    joined = dt.datetime(2025, 1, 1, 0, 30, tzinfo=WIT)
    get_user_model().objects.create_user(username="jayapura", date_joined=joined)
    since = _users_since()

    assert since.rows(since=dt.datetime(2025, 1, 1, tzinfo=WIT)) == [("jayapura",)]
    assert since.rows(since=dt.datetime(2025, 1, 1, 0, 31, tzinfo=WIT)) == []
    assert since.rows(since=dt.datetime(2024, 12, 31, 15, 30, tzinfo=dt.UTC)) == [("jayapura",)]


def test_it_refuses_a_query_whose_columns_are_not_the_ones_named() -> None:
    users = get_user_model().objects
    wrong = Prepared(lambda: users.values("email", "username"), ("username", "email"))

    with pytest.raises(ValueError, match="username"):
        wrong.rows()

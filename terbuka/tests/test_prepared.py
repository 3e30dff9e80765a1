"""A ``Prepared`` query, compiled once, answers each call with that call's values: a
second body gets its own rows, a moment is compared as the database stores it (a local
time in WIT against a UTC column), each column comes back as the ORM gives it, and a
query whose columns are not the ones named is refused before it runs. ``Shapes`` builds
each shape once and forgets the least recently used."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import CharField, DateTimeField, IntegerField, QuerySet

from terbuka.prepared import Param, Prepared, Shapes

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


def test_it_reads_each_column_as_the_orm_gives_it() -> None:
    joined = dt.datetime(2025, 1, 1, 0, 30, tzinfo=WIT)
    user = get_user_model().objects.create_user(username="jayapura", date_joined=joined)
    users = get_user_model().objects
    read = Prepared(
        lambda: users.filter(pk=Param("id", IntegerField())).values_list(
            "date_joined", "is_active", "is_staff"
        )
    )

    [(moment, active, staff)] = read.rows(id=user.pk)

    assert moment == joined and moment.tzinfo is not None
    assert active is True and staff is False


def test_shapes_build_each_shape_once_and_forget_the_least_recently_used() -> None:
    users = get_user_model().objects
    get_user_model().objects.create_user(username="satu")
    built: list[str] = []

    def shape(name: str) -> Callable[[], QuerySet[Any]]:
        def build() -> QuerySet[Any]:
            built.append(name)
            return users.filter(username=Param("name", CharField())).values_list("username")

        return build

    shapes = Shapes(kept=2)
    first = shapes.get("a", shape("a"))
    assert first.rows(name="satu") == [("satu",)]
    shapes.get("b", shape("b")).rows(name="satu")
    assert shapes.get("a", shape("a")) is first  # kept, and now the most recently used
    shapes.get("c", shape("c")).rows(name="satu")  # "b" is dropped
    shapes.get("b", shape("b")).rows(name="satu")

    assert built == ["a", "b", "c", "b"]

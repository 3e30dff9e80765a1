"""Every permission decision about officers and bodies goes through this module, and it is
the only reader of ``Role``.

Rules (DOMAIN.md "Public bodies", issue #2):
- an officer (PPID Utama, PPID Pelaksana, operator) acts on his own body;
- a PPID Utama also acts on the Pelaksana units he serves (bodies below him whose
  ``ppid_body`` is his body), and administers them (their calendar, their officers);
- an Atasan PPID decides the objections of his body and of the units it serves
  (UU 14/2008 Pasal 36);
- a data-protection officer (DPO) handles the data-subject requests and breaches of his
  body (UU 27/2022 Pasal 53);
- anyone with official duties — any role, staff or a superuser — must use two-factor
  login (while the policy is on) and is logged out when idle;
- a platform administrator manages bodies, officers and the calendar, and does not act
  on requests unless he also holds a role.

A user's roles are read once per request (``roles_of`` caches them on the user object,
which Django builds anew for every request); every predicate answers from that list and,
where the tree matters, from the process's copy of the tree (``terbuka.bodies.tree``,
which gives what the recursive query ``terbuka.bodies.models.served_by`` gives).
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from django.db.models import QuerySet

from terbuka.accounts.models import User
from terbuka.bodies import tree
from terbuka.bodies.models import Body, Role, RoleKind

OFFICER_KINDS = (RoleKind.UTAMA, RoleKind.PELAKSANA, RoleKind.OPERATOR)
# Utama and operators of a PPID body register, decide and answer its requests.
HANDLER_KINDS = (RoleKind.UTAMA, RoleKind.OPERATOR)

_ROLES = "_terbuka_roles"
_SERVED = "_terbuka_served"


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def roles_of(user: Any) -> list[Role]:
    """The user's roles with their bodies; one query per request, none for anonymous or
    inactive users."""
    if not _active(user):
        return []
    cache = getattr(user, _ROLES, None)
    if cache is None:
        cache = list(Role.objects.filter(user_id=user.pk).select_related("body"))
        setattr(user, _ROLES, cache)
        setattr(user, _SERVED, {})
    return cache


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after a role of this user object changed)."""
    for name in (_ROLES, _SERVED):
        if hasattr(user, name):
            delattr(user, name)


def body_ids(user: Any, kinds: Iterable[str]) -> set[int]:
    """The bodies where the user holds one of these kinds of role."""
    wanted = set(kinds)
    return {role.body_id for role in roles_of(user) if role.kind in wanted}


def _served(user: Any, kind: str) -> Mapping[int, Body]:
    """The units served by the bodies where the user holds a role of ``kind`` (not those
    bodies themselves): no query while the tree is unchanged, cached with the roles."""
    roles = [role for role in roles_of(user) if role.kind == kind]
    if not roles:
        return {}
    cache: dict[str, Mapping[int, Body]] = getattr(user, _SERVED)
    if kind not in cache:
        # From the process's tree of bodies (``bodies.tree``): a hub's PPID Utama serves
        # hundreds of units, and building them on every officer page cost ~8 ms. Kept
        # with the tree for these PPID bodies (the walk was ~0.5 ms of every officer
        # page): which units a body serves is public, nothing of the user is kept.
        snapshot = tree.snapshot()
        ids = frozenset(role.body_id for role in roles)
        cache[kind] = snapshot.memo(
            ("served", ids),
            lambda: MappingProxyType({body.pk: body for body in snapshot.served_by(ids)}),
        )
    return cache[kind]


# --- Who someone is ---------------------------------------------------------------------


def is_officer(user: Any) -> bool:
    """Works in the officer workspace: PPID Utama, PPID Pelaksana or operator."""
    return any(role.kind in OFFICER_KINDS for role in roles_of(user))


def is_atasan(user: Any) -> bool:
    return any(role.kind == RoleKind.ATASAN for role in roles_of(user))


def is_dpo(user: Any) -> bool:
    return any(role.kind == RoleKind.DPO for role in roles_of(user))


def has_official_duties(user: Any) -> bool:
    """Holds any role in a body (Atasan and DPO included: they see personal data), or is
    staff or a superuser. These users must use two-factor login and are logged out when
    idle."""
    if not _active(user):
        return False
    return bool(user.is_staff or user.is_superuser or roles_of(user))


def can_manage_platform(user: Any) -> bool:
    return bool(_active(user) and user.is_superuser)


# --- What someone may do with a body ----------------------------------------------------


def _by_name(body: Body) -> tuple[str, int]:
    return (body.name, body.pk)


def bodies_acted_on(user: Any) -> list[Body]:
    """All bodies this user may act on (his own, and the units a PPID Utama serves),
    sorted by name, for inbox filters and dashboards."""
    served = _served(user, RoleKind.UTAMA)
    # The served units come sorted (``Tree.served_by``): his own few bodies are put in
    # their places, not the hundreds of a hub sorted again on every page.
    mine = list(served.values())
    own = {
        role.body_id: role.body
        for role in roles_of(user)
        if role.kind in OFFICER_KINDS and role.body_id not in served
    }
    for body in own.values():
        bisect.insort(mine, body, key=_by_name)
    return mine


def acted_on_key(user: Any) -> Hashable:
    """What ``bodies_acted_on`` depends on besides the tree of bodies: a key under which
    what is derived from those bodies can be kept with the tree (``Tree.memo``)."""
    roles = roles_of(user)
    return (
        frozenset(role.body_id for role in roles if role.kind in OFFICER_KINDS),
        frozenset(role.body_id for role in roles if role.kind == RoleKind.UTAMA),
    )


def can_act_on(user: Any, body: Body | int) -> bool:
    """May this user work on the requests and registers of ``body``?"""
    body_id = body if isinstance(body, int) else body.pk
    if body_id in body_ids(user, OFFICER_KINDS):
        return True
    return body_id in _served(user, RoleKind.UTAMA)


def can_handle_body(user: Any, ppid_body: Body | int) -> bool:
    """Utama or operator of the PPID body: registers, decides and answers its requests."""
    body_id = ppid_body if isinstance(ppid_body, int) else ppid_body.pk
    return body_id in body_ids(user, HANDLER_KINDS)


def can_administer(user: Any, body: Body | int) -> bool:
    """A platform administrator, or the PPID Utama of the body that serves ``body``:
    manages its calendar and officers."""
    if can_manage_platform(user):
        return True
    body_id = body if isinstance(body, int) else body.pk
    return body_id in body_ids(user, (RoleKind.UTAMA,)) or body_id in _served(user, RoleKind.UTAMA)


def administers_any_body(user: Any) -> bool:
    """Manages some body's calendar: a platform administrator or a PPID Utama (for the link
    to the calendar page)."""
    return can_manage_platform(user) or bool(body_ids(user, (RoleKind.UTAMA,)))


def administered_bodies(user: Any) -> list[Body]:
    """The active bodies whose calendar this user manages (``can_administer``), by name:
    every body for a platform administrator, else the PPID Utama's own body and the units
    it serves."""
    if can_manage_platform(user):
        return list(Body.objects.active().order_by("name", "pk"))
    mine = {
        role.body_id: role.body
        for role in roles_of(user)
        if role.kind == RoleKind.UTAMA and role.body.is_active
    }
    mine |= {pk: body for pk, body in _served(user, RoleKind.UTAMA).items() if body.is_active}
    return sorted(mine.values(), key=lambda body: (body.name, body.pk))


def can_decide_objections(user: Any, body: Body | int) -> bool:
    """The Atasan PPID of the body that serves ``body`` decides its objections (Pasal 36)."""
    body_id = body if isinstance(body, int) else body.pk
    # An Atasan sits in a body with its own PPID; one elsewhere decides nothing.
    own = {
        role.body_id
        for role in roles_of(user)
        if role.kind == RoleKind.ATASAN and role.body.has_own_ppid
    }
    return body_id in own or body_id in _served(user, RoleKind.ATASAN)


def objection_body_ids(user: Any) -> set[int]:
    """The PPID bodies whose objections the user decides as Atasan PPID (his inbox)."""
    return {
        role.body_id
        for role in roles_of(user)
        if role.kind == RoleKind.ATASAN and role.body.has_own_ppid
    }


# --- Disputes (sengketa) at the Komisi Informasi --------------------------------------------
# The PPID body is the respondent (termohon): its PPID Utama and operators keep the record;
# its Atasan PPID, who answered the objection, follows it; the PPID Pelaksana of the unit
# whose request is disputed follows it too (he prepares the information the KI may order).


def can_keep_disputes(user: Any, ppid_body: Body | int) -> bool:
    """Records a dispute of the PPID body and every step of it: its Utama and operators."""
    return can_handle_body(user, ppid_body)


def can_follow_disputes(user: Any, ppid_body: Body | int) -> bool:
    """Reads the disputes of the PPID body: its keepers and its Atasan PPID."""
    return can_keep_disputes(user, ppid_body) or can_decide_objections(user, ppid_body)


def pelaksana_body_ids(user: Any) -> set[int]:
    """The units where the user is PPID Pelaksana."""
    return body_ids(user, (RoleKind.PELAKSANA,))


def is_pelaksana_of(user: Any, body: Body | int) -> bool:
    """Holds the PPID Pelaksana role in ``body`` itself (the unit a request was sent to)."""
    body_id = body if isinstance(body, int) else body.pk
    return body_id in pelaksana_body_ids(user)


def dispute_body_ids(user: Any) -> set[int]:
    """The PPID bodies whose disputes the user keeps or follows (his disputes list)."""
    return body_ids(user, HANDLER_KINDS) | objection_body_ids(user)


def atasan_position(user: Any, body: Body | int) -> str:
    """The position the user holds as Atasan PPID of ``body`` ("" if none is recorded)."""
    body_id = body if isinstance(body, int) else body.pk
    for role in roles_of(user):
        if role.kind == RoleKind.ATASAN and role.body_id == body_id and role.position:
            return str(role.position)
    return ""


def signing_title(user: Any, body: Body | int) -> tuple[str, str]:
    """The position and NIP printed under the user's signature on a letter of ``body``:
    from his role in that body (else his role elsewhere, e.g. a PPID Pelaksana of a unit),
    the one with most filled in; "" for what is not recorded."""
    body_id = body if isinstance(body, int) else body.pk
    held = sorted(
        roles_of(user),
        key=lambda role: (role.body_id != body_id, not role.nip, not role.position),
    )
    if not held:
        return "", ""
    return str(held[0].position), str(held[0].nip)


# --- Who holds a role ----------------------------------------------------------------


def officer_addresses(bodies: Body | int | Iterable[Body | int], kinds: Iterable[str]) -> list[str]:
    """The e-mail addresses of the active officers holding one of ``kinds`` in these bodies,
    each once, sorted: the one answer to "the officers of this body with this role", for
    every mail that goes to officers."""
    return Role.objects.held_in(bodies, kinds).addresses()


def officers_of(bodies: Iterable[Body | int], kinds: Iterable[str]) -> QuerySet[User]:
    """The active accounts holding one of ``kinds`` in these bodies (e.g. whom a request
    may be assigned to), by name."""
    ids = [body if isinstance(body, int) else body.pk for body in bodies]
    return User.objects.filter(pk__in=Role.objects.held_in(ids, kinds).values("user_id")).order_by(
        "first_name", "username"
    )


def roles_in(body: Body) -> list[Role]:
    """The roles held in ``body`` by active accounts, with their users (the body's page lists
    its officers and their positions)."""
    return list(Role.objects.held_in(body, RoleKind.values).select_related("user"))


def dpo_body_ids(user: Any) -> set[int]:
    return body_ids(user, (RoleKind.DPO,))


def is_dpo_of(user: Any, body: Body | int) -> bool:
    body_id = body if isinstance(body, int) else body.pk
    return body_id in dpo_body_ids(user)


# --- The annual report (Perki 1/2021 Pasal 56) ------------------------------------------


def can_edit_annual_report(user: Any, body: Body) -> bool:
    """The PPID Utama and operators of the PPID body that serves ``body`` (or is it) write,
    finalise and start new versions of its annual report."""
    ppid_body = body.ppid_body
    return ppid_body is not None and can_handle_body(user, ppid_body)


def can_read_annual_report(user: Any, body: Body) -> bool:
    """Those who write it, and the officers of a served unit for the unit's own report."""
    if can_edit_annual_report(user, body):
        return True
    return not body.has_own_ppid and can_act_on(user, body)


def annual_report_bodies(user: Any) -> list[Body]:
    """The bodies whose annual reports the user reads, by name."""
    return [body for body in bodies_acted_on(user) if can_read_annual_report(user, body)]


# --- The monev self-assessment (Perki 1/2022) ---------------------------------------------


def can_fill_monev(user: Any, body: Body) -> bool:
    """The body's own officers (its PPID Utama, Pelaksana or operators) and the PPID Utama
    of the PPID body that serves it fill and submit its monev self-assessment."""
    return can_act_on(user, body)


def can_read_monev(user: Any, body: Body) -> bool:
    """Those who fill it, and the platform administrator, who records the Komisi
    Informasi's verification/visit score."""
    return can_fill_monev(user, body) or can_manage_platform(user)


def can_record_monev_visit(user: Any) -> bool:
    """The platform administrator records the KI's verification/visit score."""
    return can_manage_platform(user)


def can_edit_monev_questionnaire(user: Any) -> bool:
    """The platform administrator keeps the questionnaires (the KI changes them yearly)."""
    return can_manage_platform(user)


def monev_bodies(user: Any) -> list[Body]:
    """The bodies whose self-assessment the user fills, by name."""
    return [body for body in bodies_acted_on(user) if can_fill_monev(user, body)]


# --- The coordination dashboard -----------------------------------------------------------


def coordinated_bodies(user: Any) -> list[Body]:
    """The PPID bodies whose coordination dashboard the user opens: those where he is PPID
    Utama or operator (their units and the regencies and cities below them in one table),
    by name."""
    mine = {
        role.body_id: role.body
        for role in roles_of(user)
        if role.kind in HANDLER_KINDS and role.body.has_own_ppid and role.body.is_active
    }
    return sorted(mine.values(), key=lambda body: (body.name, body.pk))

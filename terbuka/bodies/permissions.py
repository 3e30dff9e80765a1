"""Every permission decision about officers and bodies goes through this module.

Rules (issue #2):
- an officer (PPID Utama, PPID Pelaksana, operator) acts on his own body;
- a PPID Utama also acts on the Pelaksana units he serves (bodies below him whose
  ``ppid_body`` is his body);
- an Atasan PPID decides the objections of his body and of the units it serves;
- a platform administrator manages bodies, officers and the calendar, and does not act
  on requests unless he also holds a role.
"""

from __future__ import annotations

from typing import Any

from terbuka.bodies.models import Body, Role, RoleKind

OFFICER_KINDS = (RoleKind.UTAMA, RoleKind.PELAKSANA, RoleKind.OPERATOR)


def _roles(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_terbuka_roles", None)
    if cache is None:
        cache = list(Role.objects.filter(user=user).select_related("body"))
        user._terbuka_roles = cache
    return cache


def is_officer(user: Any) -> bool:
    return any(role.kind in OFFICER_KINDS for role in _roles(user))


def is_atasan(user: Any) -> bool:
    return any(role.kind == RoleKind.ATASAN for role in _roles(user))


def can_manage_platform(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def can_act_on(user: Any, body: Body) -> bool:
    """May this user work on the requests and registers of ``body``?"""
    ppid_body = body.ppid_body
    for role in _roles(user):
        if role.kind not in OFFICER_KINDS:
            continue
        if role.body_id == body.pk:
            return True
        if role.kind == RoleKind.UTAMA and ppid_body is not None and role.body_id == ppid_body.pk:
            return True
    return False


def can_decide_objections(user: Any, body: Body) -> bool:
    """The Atasan PPID of the body that serves ``body`` decides its objections (Pasal 36)."""
    ppid_body = body.ppid_body
    return any(
        role.kind == RoleKind.ATASAN and ppid_body is not None and role.body_id == ppid_body.pk
        for role in _roles(user)
    )


def bodies_acted_on(user: Any) -> list[Body]:
    """All bodies this user may act on, for inbox filters and dashboards."""
    direct = [role.body for role in _roles(user) if role.kind in OFFICER_KINDS]
    if not direct:
        return []
    result = {body.pk: body for body in direct}
    utama_ids = {role.body_id for role in _roles(user) if role.kind == RoleKind.UTAMA}
    if utama_ids:
        for body in Body.objects.active().select_related("parent"):
            served = body.ppid_body
            if served is not None and served.pk in utama_ids:
                result[body.pk] = body
    return sorted(result.values(), key=lambda body: body.name)

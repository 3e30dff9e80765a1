"""Who reads the request register and the statistics of a body, and which requests they
cover. Built on ``terbuka.bodies.permissions`` (it reads no role itself).

- The register permohonan holds identities (UU 14/2008 Pasal 17 huruf h): the officers of
  the body (``permissions.can_act_on``: its PPID Pelaksana, PPID Utama and operators), and
  the PPID Utama for the units he serves. The register of a body with its own PPID covers
  every request its PPID handles, units included: only its handlers (PPID Utama,
  operators) read that one.
- The statistics carry no identity, but they are the officers' working figures until
  published (the Ringkasan akses): the same people read them.
- A requester, another body's officer, the Atasan PPID, the platform administrator
  without a role and the public read neither.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Expression, Q

from terbuka.bodies import permissions
from terbuka.bodies.models import Body


def can_read(user: Any, body: Body) -> bool:
    if body.has_own_ppid:
        return permissions.can_handle_body(user, body)
    return permissions.can_act_on(user, body)


def readable_bodies(user: Any) -> list[Body]:
    """The bodies whose register and statistics the user reads, by name."""
    return [body for body in permissions.bodies_acted_on(user) if can_read(user, body)]


def covered(body: Body | Expression, prefix: str = "") -> Q:
    """The cases (requests, objections) of ``body``: those addressed to it and, for a body
    with its own PPID, every case its PPID handles (the units it serves included). Both
    models have ``body`` and ``ppid_body``; ``prefix`` reaches them through a relation.
    ``body`` may be an expression (a ``prepared.Param``)."""
    return Q(**{f"{prefix}body": body}) | Q(**{f"{prefix}ppid_body": body})

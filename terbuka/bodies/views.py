"""Public pages of the body directory: the tree of bodies and each body's profile."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from terbuka import uploads
from terbuka.bodies import permissions, tree
from terbuka.bodies.models import REGION_KINDS, Body, BodyKind, RoleKind

# Short names of the three Indonesian time zones, shown next to service hours.
TZ_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

# What the directory and the home page need of each body: the long texts stay in the database.
TREE_FIELDS = ("name", "short_name", "code", "slug", "kind", "parent", "has_own_ppid", "is_active")

# Officers whose names and positions are public, in the order a visitor looks for them.
# (Names and positions of officials are public; requesters' data never are.)
PUBLIC_ROLE_ORDER = [
    RoleKind.UTAMA,
    RoleKind.PELAKSANA,
    RoleKind.ATASAN,
    RoleKind.DPO,
    RoleKind.OPERATOR,
]


@dataclass
class Node:
    """A body in the directory tree with the bodies listed under it."""

    body: Body
    matched: bool
    children: list[Node] = field(default_factory=list)

    def prune(self) -> bool:
        """Keep only branches that lead to a match; True if anything here is left."""
        self.children = [child for child in self.children if child.prune()]
        return self.matched or bool(self.children)


def region_order(region: Body) -> tuple[int, str]:
    """Provinces before regencies, cities and the rest; then by name."""
    return (0 if region.kind == BodyKind.PROVINCE else 1, region.name)


def link_parents(bodies: list[Body]) -> None:
    """Point each body's parent at the loaded object, so that walking up the tree
    (``ppid_body``, ``region``, ``ancestors``) needs no further query.

    ``bodies`` must hold every ancestor of every body in it (load all bodies at once).
    """
    by_pk = {body.pk: body for body in bodies}
    for body in bodies:
        if body.parent_id is not None and body.parent_id in by_pk:
            body.parent = by_pk[body.parent_id]


def build_directory(bodies: list[Body], matched_ids: set[int] | None) -> list[Node]:
    """Group bodies by region: each province first, then its regencies and cities.

    ``bodies`` must be every body (active or not) so that parents resolve without a
    query; only active ones are listed. ``matched_ids`` None means no search: all match.
    Returns one node per region, its agencies (and their units) nested under it.
    """
    link_parents(bodies)

    nodes = {
        body.pk: Node(body, matched_ids is None or body.pk in matched_ids)
        for body in bodies
        if body.is_active
    }
    roots: list[Node] = []
    for body in bodies:  # already ordered by name
        if body.pk not in nodes:
            continue
        node = nodes[body.pk]
        # A region is a group of its own; anything else hangs under its nearest active
        # ancestor (skipping inactive ones), or is a root if it has none.
        parent = next((a for a in body.ancestors() if a.is_active), None)
        if body.kind in REGION_KINDS or parent is None:
            roots.append(node)
        else:
            nodes[parent.pk].children.append(node)

    # Province first, then the regencies and cities under it, then any other root.
    provinces = [node for node in roots if node.body.kind == BodyKind.PROVINCE]
    ordered: list[Node] = []
    placed: set[int] = set()
    for province in sorted(provinces, key=lambda node: node.body.name):
        ordered.append(province)
        placed.add(province.body.pk)
        below = [
            node
            for node in roots
            if node.body.pk not in placed
            and any(a.pk == province.body.pk for a in node.body.ancestors())
        ]
        for node in sorted(below, key=lambda node: region_order(node.body)):
            ordered.append(node)
            placed.add(node.body.pk)
    ordered += sorted(
        (node for node in roots if node.body.pk not in placed),
        key=lambda node: region_order(node.body),
    )
    return [node for node in ordered if node.prune()]


def directory(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    # The tree from this process's copy (``tree.snapshot``): one read of short rows.
    current = tree.snapshot()
    if query:
        matched_ids = set(
            Body.objects.active()
            .filter(
                Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__icontains=query)
            )
            .values_list("pk", flat=True)
        )
        regions = build_directory(current.bodies, matched_ids)
        count = len(matched_ids)
        regions_html = _render_regions(regions)
    else:
        # The whole directory is the same for every visitor: rendered once per tree and
        # language, not 500 rows per request (issue 14).
        regions, regions_html = current.memo(
            "directory",
            lambda: _regions_and_html(build_directory(current.bodies, None)),
            per_language=True,
        )
        count = len(current.active)
    return render(
        request,
        "bodies/directory.html",
        {"regions": regions, "regions_html": regions_html, "query": query, "count": count},
    )


def _render_regions(regions: list[Node]) -> str:
    return render_to_string("bodies/_regions.html", {"regions": regions})


def _regions_and_html(regions: list[Node]) -> tuple[list[Node], str]:
    return regions, _render_regions(regions)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.active().select_related("parent"), slug=slug)
    ppid_body = body.ppid_body
    roles = sorted(
        permissions.roles_in(body),
        key=lambda role: (PUBLIC_ROLE_ORDER.index(RoleKind(role.kind)), role.user.get_full_name()),
    )
    children = list(body.children.active().order_by("name"))
    for child in children:
        child.parent = body  # the PPID status of each child then needs no query
    return render(
        request,
        "bodies/detail.html",
        {
            "body": body,
            "ppid_body": ppid_body,
            "parent": body.parent if body.parent and body.parent.is_active else None,
            "roles": roles,
            "children": children,
            "tz_abbreviation": TZ_ABBREVIATIONS.get(body.timezone, body.timezone),
        },
    )


def logo(request: HttpRequest, slug: str) -> HttpResponseBase:
    """An active body's logo (public, like its name); 404 when it has none."""
    body = get_object_or_404(Body.objects.active(), slug=slug)
    if not body.logo:
        raise Http404
    extension = "png" if body.logo_content_type == "image/png" else "jpg"
    return uploads.download_response(
        storage_name=body.logo.name,
        content_type=body.logo_content_type,
        filename=f"logo-{body.slug}.{extension}",
        private=False,
    )

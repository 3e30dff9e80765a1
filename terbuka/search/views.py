"""The public search page and the suggestions shown while a request is typed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from terbuka.bodies import tree
from terbuka.bodies.models import Body
from terbuka.search import query, registry
from terbuka.search.forms import SearchForm
from terbuka.search.rows import hit_rows

PER_PAGE = 20
SUGGESTIONS = 5


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _new_request_url(body: Body | None) -> str:
    try:
        url = reverse("requests:new")
    except NoReverseMatch:
        url = "/permohonan/baru/"
    return f"{url}?{urlencode({'badan': body.slug})}" if body is not None else url


def _filter_fields(form: SearchForm) -> SafeString:
    """The form's filters (``search/_filters.html``). With none chosen, as on nearly every
    search, they are the same for every visitor: written once per tree of bodies (whose
    picker they hold), language and the short lists' choices (the years in the index)."""

    def write() -> SafeString:
        return render_to_string("search/_filters.html", {"form": form})

    filters = [form[name] for name in form.fields if name != "q"]
    if any(field.value() not in (None, "") or field.errors for field in filters):
        return write()
    # The short lists as offered now (the years in the index, the sources' categories,
    # forms and kinds); the body picker's list goes with the tree.
    offered = tuple(
        (field.name, tuple((value, str(label)) for value, label in field.field.choices))  # type: ignore[attr-defined]
        for field in filters
        if field.name != "badan"
    )
    return tree.snapshot().memo(("search_filters", offered), write, per_language=True)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    body: Body | None = None
    if form.is_bound:
        form.is_valid()  # invalid filters are reported and left out; the rest still applies
        data = form.cleaned_data
        body = form.body()
        results = query.search(
            data.get("q") or "",
            body_id=body.pk if body else None,
            category=data.get("kategori") or None,
            year=data.get("tahun"),
            form=data.get("bentuk") or None,
            kinds=form.kinds(),
            page=_page_number(request.GET.get("halaman")),
            per_page=PER_PAGE,
        )
    bodies: dict[int, str] = {}
    if results is not None and results.hits:
        # The names from this request's tree of bodies (``bodies.tree``, read by the form):
        # a body it does not hold yet (added since) is read from the database.
        by_pk = tree.snapshot().by_pk
        bodies = {
            hit.body_id: by_pk[hit.body_id].name for hit in results.hits if hit.body_id in by_pk
        }
        missing = {hit.body_id for hit in results.hits} - bodies.keys()
        if missing:
            bodies.update(Body.objects.filter(pk__in=missing).values_list("pk", "name"))
    # Translated once per page, not once per hit.
    badges = {source.kind: str(source.badge) for source in registry.sources()}
    categories = {value: str(label) for value, label in registry.categories()}
    params = request.GET.copy()
    params.pop("halaman", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "filter_fields": _filter_fields(form),
            "results": results,
            "hit_rows": hit_rows(
                (
                    hit,
                    bodies.get(hit.body_id, ""),
                    badges.get(hit.kind, ""),
                    categories.get(hit.category, ""),
                )
                for hit in (results.hits if results else [])
            ),
            "query_string": params.urlencode(),
            "first_number": (results.page - 1) * PER_PAGE + 1 if results else 1,
            "new_request_url": _new_request_url(body),
            "filter_body": body,
        },
    )


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """Up to five indexed documents (DIP entries, published requests) like the text typed
    so far, as an HTML fragment for ``static/js/suggest.js`` or as JSON (``Accept:
    application/json``)."""
    text = request.GET.get("q", "")[: query.MAX_QUERY_CHARS]
    hits = query.suggest(text, limit=SUGGESTIONS)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"results": [{"kind": hit.kind, "title": hit.title, "url": hit.url} for hit in hits]}
        )
    badges = {source.kind: source.suggestion_badge for source in registry.sources()}
    rows = [(hit, badges.get(hit.kind, "")) for hit in hits]
    return render(request, "search/_suggestions.html", {"rows": rows, "text": text})

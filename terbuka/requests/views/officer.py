"""The officers' pages: the inbox, registration at the desk, the request file and one POST
endpoint per action. Each endpoint validates, calls the action, and shows the action's
refusal on the form it came from, keeping what was typed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from terbuka import cursors
from terbuka.accounts.models import User
from terbuka.actionviews import run_action
from terbuka.audit.personal_data import record_personal_data_view
from terbuka.bodies import permissions, tree
from terbuka.bodies.models import Body, served_by
from terbuka.letters import issuing, signing
from terbuka.links import url_prefix
from terbuka.requests import access, actions, deadlines, letters, queries, rows
from terbuka.requests.forms import (
    AssignForm,
    CorrectionForm,
    DraftForm,
    ExtendForm,
    ForwardForm,
    IdentityIncompleteForm,
    InboxFilterForm,
    MessageForm,
    NoteForm,
    NoticeForm,
    RegisterForm,
    SendNoticeForm,
)
from terbuka.requests.models import (
    Disposition,
    FileKind,
    InfoRequest,
    InfoRequestQuerySet,
    Notice,
    Outcome,
    RequestFile,
    Status,
)
from terbuka.requests.views.common import current_user
from terbuka.workdays import counting

INBOX_PAGE_SIZE = 25


def _require_officer(request: HttpRequest) -> User:
    user = current_user(request)
    if not permissions.is_officer(user):
        raise PermissionDenied(_("Halaman ini hanya untuk petugas PPID."))
    return user


@dataclass(frozen=True)
class SavedView:
    """A link at the top of the inbox to a filter officers use all day."""

    label: str
    query: str  # the inbox's query string for it


def _saved_views() -> list[SavedView]:
    return [
        SavedView(_("Milik saya"), "mine=on"),
        SavedView(_("Terlambat"), f"deadline={queries.OVERDUE}"),
        SavedView(
            ngettext(
                "Jatuh tempo %(n)d hari", "Jatuh tempo %(n)d hari", counting.DUE_SOON_WORKING_DAYS
            )
            % {"n": counting.DUE_SOON_WORKING_DAYS},
            f"deadline={queries.SOON}",
        ),
    ]


def _ppid_bodies(user: User, bodies: list[Body]) -> list[Body]:
    """The PPID bodies whose requests this officer can see: the deadline filters are
    counted on their calendars (no query over the requests themselves). Kept with the
    tree of bodies for what decides ``bodies`` (a hub's PPID Utama acts on hundreds)."""

    def build() -> list[Body]:
        own = permissions.body_ids(user, permissions.OFFICER_KINDS)
        found: dict[int, Body] = {}
        for body in bodies:
            if body.has_own_ppid:
                ppid_body: Body | None = body
            else:
                ppid_body = by_pk.get(body.pk, body).ppid_body if body.pk in own else None
            if ppid_body is not None:
                found[ppid_body.pk] = ppid_body
        return list(found.values())

    snapshot = tree.snapshot()
    by_pk = snapshot.by_pk
    return snapshot.memo(("inbox_ppid_bodies", permissions.acted_on_key(user)), build)


def _filtered(
    base: InfoRequestQuerySet, form: InboxFilterForm, user: User, windows: deadlines.Windows
) -> InfoRequestQuerySet:
    if not form.is_valid():
        return base.needing_work()
    data = form.cleaned_data
    filtered = base
    status = data.get("status") or ""
    if status == "":
        filtered = filtered.needing_work()
    elif status != "all":
        filtered = filtered.filter(status=status)
    if data.get("deadline"):
        filtered = queries.filter_deadline(filtered, data["deadline"], windows)
    if data.get("channel"):
        filtered = filtered.filter(channel=data["channel"])
    if data.get("body"):
        filtered = filtered.filter(body=data["body"])
    if data.get("mine"):
        filtered = filtered.filter(assigned_to=user)
    return queries.inbox_search(filtered, data.get("q") or "")


def _body_options(user: User, bodies: list[Body], selected: int | None) -> SafeString:
    """The ``<option>`` of each body of the inbox's filter, in one string join; with no
    body chosen (nearly every visit) kept with the process's tree of bodies for what
    decides the officer's bodies (public names only: the same for every officer who acts
    on them)."""

    def write() -> SafeString:
        return mark_safe(  # noqa: S308 (the only text, each body's name, is escaped)
            "".join(
                f'<option value="{body.pk}"{" selected" if body.pk == selected else ""}>'
                f"{escape(body.name)}</option>"
                for body in bodies
            )
        )

    if selected is not None:
        return write()
    return tree.snapshot().memo(("inbox_body_options", permissions.acted_on_key(user)), write)


def _selected_body(form: InboxFilterForm) -> int | None:
    body = form.cleaned_data.get("body") if form.is_bound and form.is_valid() else None
    return body.pk if body is not None else None


@login_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    """The officer's requests, soonest deadline first, a keyset page at a time (``setelah``
    is the cursor of the last row seen): the last page costs what the first does."""
    user = _require_officer(request)
    bodies = permissions.bodies_acted_on(user)
    # Each request's deadline is seen from its own PPID body (time zone and calendar).
    windows = deadlines.windows(_ppid_bodies(user, bodies))
    form = InboxFilterForm(request.GET or None, bodies=bodies)
    cursor = request.GET.get("setelah") or ""
    bad_cursor = False
    try:
        # Without a filter (nearly every visit) the page is a query compiled once.
        items: list[Any] | None = None
        if not set(request.GET) - {"setelah"}:
            items = queries.prepared_inbox_page(user, cursor, INBOX_PAGE_SIZE + 1)
        if items is None:
            listed = _filtered(access.officer_requests(user), form, user, windows)
            items = queries.inbox_page(queries.inbox_order(listed), cursor, INBOX_PAGE_SIZE + 1)
    except cursors.InvalidCursor:
        items, bad_cursor = [], True
    more = len(items) > INBOX_PAGE_SIZE
    items = items[:INBOX_PAGE_SIZE]
    query = request.GET.copy()
    query.pop("setelah", None)
    filters = query.urlencode()
    if more:
        query["setelah"] = queries.inbox_cursor(items[-1])
    current = "&".join(f"{key}={value}" for key, value in request.GET.items() if value)
    detail_url = url_prefix("requests:officer_detail", public_id=uuid.UUID(int=0))
    pairs = [(item, windows.state(item)) for item in items]
    return render(
        request,
        "requests/inbox.html",
        {
            "form": form,
            "rows": pairs,
            "rows_html": rows.inbox_rows(pairs, detail_url),
            "saved_views": _saved_views(),
            "body_options_html": _body_options(user, bodies, _selected_body(form)),
            "selected_body": _selected_body(form),
            "current_view": current,
            "filters_set": any(
                request.GET.get(name) for name in ("status", "deadline", "channel", "body")
            ),
            "first_page": filters if cursor else None,
            "next_page": query.urlencode() if more else None,
            "bad_cursor": bad_cursor,
            "can_register": bool(bodies),
        },
        status=400 if bad_cursor else 200,
    )


@login_required
@never_cache
@sensitive_post_parameters("nik", "address", "phone", "email")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Registration of a request received at the desk, by letter, e-mail or phone."""
    user = _require_officer(request)
    bodies = permissions.bodies_acted_on(user)
    if request.method != "POST":
        initial: dict[str, Any] = {"channel": "walk_in"}
        if len(bodies) == 1:
            initial["body"] = bodies[0]
        form = RegisterForm(initial=initial, bodies=bodies)
        return render(request, "requests/register.html", {"form": form})
    form = RegisterForm(request.POST, request.FILES, bodies=bodies)

    def run(data: dict[str, Any]) -> InfoRequest:
        return actions.register(
            actor=user,
            body=data["body"],
            channel=data["channel"],
            received_at=data["received_at"],
            identity=actions.Identity(**form.identity_kwargs()),
            content=actions.RequestContent.from_data(data),
            idempotency_key=f"desk:{user.pk}:{data['token']}",
        )

    return run_action(
        request,
        form,
        run,
        done=lambda info_request: (
            _("Permohonan terdaftar dengan nomor %(number)s.")
            % {"number": info_request.number or "—"}
        ),
        then=lambda info_request: reverse(
            "requests:officer_detail", kwargs={"public_id": info_request.public_id}
        ),
        again=lambda: render(request, "requests/register.html", {"form": form}),
    )


def _officer_request(request: HttpRequest, public_id: Any) -> InfoRequest:
    """The request, if this officer may work on it; another body's request is a 403."""
    user = current_user(request)
    info_request = get_object_or_404(
        InfoRequest.objects.select_related(
            "body", "ppid_body", "assigned_to", "requester", "registered_by", "referred_from"
        ),
        public_id=public_id,
    )
    if not access.can_work_on(user, info_request):
        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan ini."))
    return info_request


def _handler_request(request: HttpRequest, public_id: Any) -> InfoRequest:
    """The request, if this officer handles it for the PPID (PPID Utama, operators): the
    actions only they may take answer 403 to anyone else before any input is read, so a
    PPID Pelaksana learns nothing from validation messages."""
    info_request = _officer_request(request, public_id)
    if not access.can_handle(current_user(request), info_request):
        raise PermissionDenied(_("Tindakan ini hanya untuk PPID Utama dan petugas layanannya."))
    return info_request


def _served_units(info_request: InfoRequest) -> list[Body]:
    """The active PPID Pelaksana units served by the request's PPID Utama (one query)."""
    return [unit for unit in served_by([info_request.ppid_body]) if unit.is_active]


def _officers(info_request: InfoRequest) -> QuerySet[User]:
    return permissions.officers_of(
        [info_request.ppid_body_id, info_request.body_id], permissions.OFFICER_KINDS
    )


def _release_candidates(info_request: InfoRequest) -> QuerySet[RequestFile]:
    return RequestFile.objects.filter(
        info_request=info_request, kind__in=(FileKind.DRAFT, FileKind.RELEASED)
    ).order_by("created_at", "pk")


def _notice_initial(notice: Notice | None) -> dict[str, Any]:
    if notice is None:
        return {}
    return {
        name: getattr(notice, name) for name in NoticeForm.base_fields if name != "holding_body"
    } | {"holding_body": notice.holding_body_id}


# The success message of an officer's action, shown in the section it changed.
FLASH_KEY = "terbuka_case_message"


def _pop_flash(request: HttpRequest, info_request: InfoRequest) -> dict[str, str] | None:
    flash = request.session.get(FLASH_KEY)
    if not isinstance(flash, dict) or flash.get("request") != str(info_request.public_id):
        return None
    del request.session[FLASH_KEY]
    return flash


@dataclass(frozen=True)
class NextStep:
    """What the case waits for, in words, and the sections whose actions fit now."""

    text: str
    primary: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A headed, anchored part of the case page: open when its action fits now (or it
    just changed), folded otherwise."""

    anchor: str
    title: str
    note: str
    template: str
    open: bool
    primary: bool


def _next_step(
    info_request: InfoRequest,
    *,
    notice: Notice | None,
    dispositions: list[Disposition],
    is_handler: bool,
    drafting: bool,
) -> NextStep:
    waiting = [item for item in dispositions if item.state == Disposition.State.OPEN]
    drafted = [item for item in dispositions if item.state == Disposition.State.DRAFTED]
    if not is_handler:
        if drafting:
            return NextStep(_("Siapkan draf jawaban untuk PPID Utama."), ("disposisi",))
        return NextStep(_("Permohonan ini diputuskan oleh PPID Utama."), ())
    if info_request.status == Status.ANSWERED:
        return NextStep(_("Selesai: pemberitahuan tertulis sudah dikirim."), ("pemberitahuan",))
    if info_request.status == Status.WITHDRAWN:
        return NextStep(_("Selesai: permohonan dicabut pemohon."), ())
    if info_request.status == Status.IDENTITY_INCOMPLETE:
        return NextStep(_("Menunggu pemohon melengkapi identitas."), ("pesan",))
    if notice is not None and notice.outcome:
        return NextStep(
            _("Periksa draf pemberitahuan tertulis, lalu kirimkan kepada pemohon."),
            ("pemberitahuan",),
        )
    if waiting:
        return NextStep(
            _("Menunggu draf jawaban dari %(units)s.")
            % {"units": ", ".join(item.unit.name for item in waiting)},
            ("disposisi", "pemberitahuan"),
        )
    if drafted:
        return NextStep(
            _("Draf jawaban sudah masuk: siapkan pemberitahuan tertulis."),
            ("pemberitahuan", "disposisi"),
        )
    return NextStep(
        _(
            "Disposisikan ke PPID Pelaksana yang menguasai informasinya, atau jawab langsung"
            " dengan pemberitahuan tertulis."
        ),
        ("disposisi", "pemberitahuan"),
    )


def _sections(
    info_request: InfoRequest,
    *,
    step: NextStep,
    opened: set[str],
    is_handler: bool,
    notice: Notice | None,
    files: list[RequestFile],
    dispositions: list[Disposition],
) -> list[Section]:
    """The case page's sections: those whose actions fit now first and open, the others
    folded in a fixed order (each with a word on its state)."""
    is_open = info_request.is_open
    candidates: list[tuple[str, str, str]] = [
        ("identitas", _("Identitas pemohon"), info_request.requester_name),
    ]
    if files:
        candidates.append(("berkas", _("Berkas"), str(len(files))))
    if is_handler and is_open:
        candidates.append(
            (
                "tugaskan",
                _("Penanggung jawab"),
                str(info_request.assigned_to or _("belum ditetapkan")),
            )
        )
    candidates.append(
        (
            "disposisi",
            _("Disposisi ke PPID Pelaksana"),
            str(len(dispositions)) if dispositions else _("belum ada"),
        )
    )
    if is_handler:
        if notice is not None and notice.is_sent:
            state = _("dikirim")
        elif notice is not None and notice.outcome:
            state = str(notice.get_outcome_display())
        else:
            state = _("belum disiapkan")
        candidates.append(("pemberitahuan", _("Pemberitahuan tertulis"), state))
        if is_open:
            candidates.append(
                (
                    "perpanjangan",
                    _("Perpanjangan jangka waktu"),
                    _("sudah diperpanjang") if info_request.was_extended else _("belum"),
                )
            )
    candidates += [
        ("pesan", _("Pesan kepada pemohon"), ""),
        ("catatan", _("Catatan internal"), ""),
    ]
    order = {anchor: index for index, anchor in enumerate(step.primary)}
    candidates.sort(key=lambda item: order.get(item[0], len(order)))
    return [
        Section(
            anchor=anchor,
            title=title,
            note=note,
            template=f"requests/officer/_{anchor}.html",
            open=anchor in order or anchor in opened,
            primary=anchor in order,
        )
        for anchor, title, note in candidates
    ]


def _notice_form(
    request: HttpRequest,
    info_request: InfoRequest,
    notice: Notice | None,
    forms: dict[str, Form],
) -> tuple[Form, str]:
    """The notice form and the outcome whose fields it shows: as posted, as chosen in the
    first step (``?keputusan=``, the page without JavaScript), or as saved."""
    bound = forms.get("notice_form")
    if bound is not None:
        return bound, str(bound.data.get("outcome") or "")
    chosen = request.GET.get("keputusan", "")
    if chosen not in Outcome.values:
        chosen = notice.outcome if notice is not None else ""
    initial = _notice_initial(notice) or {
        "form": info_request.how_to_obtain,
        "delivery": info_request.delivery,
        "fee_per_page": _fee_per_page(info_request),
    }
    initial["outcome"] = chosen
    return NoticeForm(initial=initial, shown_outcome=chosen), chosen


def _detail_context(
    request: HttpRequest,
    info_request: InfoRequest,
    forms: dict[str, Form] | None = None,
    *,
    open_section: str = "",
) -> dict[str, Any]:
    user = current_user(request)
    forms = forms or {}
    notice = Notice.objects.filter(info_request=info_request).select_related("holding_body").first()
    dispositions = list(
        info_request.dispositions.select_related(
            "unit", "forwarded_by", "drafted_by"
        ).prefetch_related(
            Prefetch("files", queryset=RequestFile.objects.order_by("created_at", "pk"))
        )
    )
    is_ppid_officer = access.can_handle(user, info_request)
    if is_ppid_officer:
        # This page shows the requester's identity to the officer: record who saw it
        # (UU 27/2022 Pasal 31; issue 5). The record names what was seen, never the data.
        record_personal_data_view(request=request, actor=user, obj=info_request, what="identity")
    draft_forms = []
    for disposition in dispositions:
        if disposition.state == Disposition.State.OPEN and access.can_draft(user, disposition):
            bound = forms.get(f"draft_form_{disposition.pk}")
            draft_forms.append((disposition, bound or DraftForm()))
    is_open = info_request.is_open
    notice_sent = notice is not None and notice.is_sent
    files = list(RequestFile.objects.filter(info_request=info_request).order_by("created_at", "pk"))
    notice_form, notice_outcome = _notice_form(request, info_request, notice, forms)
    events = list(info_request.events.select_related("actor").order_by("at", "pk"))
    step = _next_step(
        info_request,
        notice=notice,
        dispositions=dispositions,
        is_handler=is_ppid_officer,
        drafting=bool(draft_forms),
    )
    flash = _pop_flash(request, info_request)
    opened = {anchor for anchor in (open_section, flash["anchor"] if flash else "") if anchor}
    sections = _sections(
        info_request,
        step=step,
        opened=opened,
        is_handler=is_ppid_officer,
        notice=notice,
        files=files,
        dispositions=dispositions,
    )
    return {
        "next_step": step,
        "sections": sections,
        "flash": flash,
        # A message whose section is not on the page (it closed with the action) shows on top.
        "flash_on_top": flash is not None
        and flash["anchor"] not in {section.anchor for section in sections},
        "info_request": info_request,
        "events": events,
        "dispositions": dispositions,
        "draft_forms": draft_forms,
        "notice": notice,
        "files": files,
        "extension_files": [item for item in files if item.kind == FileKind.EXTENSION_LETTER],
        "deadline_state": deadlines.state(info_request),
        "is_ppid_officer": is_ppid_officer,
        "is_open": is_open,
        "notice_sent": notice_sent,
        # Told before sending: without a certificate the letter goes out unsigned.
        "letter_signed": signing.has_key(info_request.ppid_body.slug),
        "notice_timing": (
            queries.timing(info_request, deadlines.calendar_for(info_request))
            if notice_sent
            else None
        ),
        "identity_form": forms.get("identity_form") or IdentityIncompleteForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            officers=_officers(info_request),
            initial={"officer": info_request.assigned_to_id},
        ),
        "forward_form": forms.get("forward_form") or ForwardForm(units=_served_units(info_request)),
        "notice_form": notice_form,
        "notice_outcome": notice_outcome,
        "outcome_choices": Outcome.choices,
        # The send form once a draft states an outcome, or again with its refusal.
        "show_send": bool(notice is not None and notice.outcome) or "send_form" in forms,
        "send_form": forms.get("send_form")
        or SendNoticeForm(candidates=_release_candidates(info_request)),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "correction_form": forms.get("correction_form") or CorrectionForm(),
        "can_extend": is_open and not info_request.was_extended,
        "identity_refusal": (refusal := actions.identity_request_refusal(info_request)),
        "can_mark_identity": refusal is None,
    }


def _fee_per_page(info_request: InfoRequest) -> int:
    settings_row = getattr(info_request.ppid_body, "service_settings", None)
    try:
        return int(settings_row.fee_per_page) if settings_row is not None else 0
    except AttributeError:
        return 0


@login_required
@never_cache
def officer_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Everything about one request, including the requester's identity (officers only)."""
    info_request = _officer_request(request, public_id)
    return render(request, "requests/officer_detail.html", _detail_context(request, info_request))


def _perform(
    request: HttpRequest,
    info_request: InfoRequest,
    *,
    key: str,
    form: Form,
    run: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    anchor: str,
) -> HttpResponse:
    """Run an action from the officer's page (``terbuka.actionviews``): back to its section
    with ``success``, or the page again with the form (and the refusal) as typed."""

    def again() -> HttpResponse:
        info_request.refresh_from_db()
        context = _detail_context(request, info_request, {key: form}, open_section=anchor)
        context["open_section"] = anchor
        return render(request, "requests/officer_detail.html", context)

    url = reverse("requests:officer_detail", kwargs={"public_id": info_request.public_id})

    def then(result: Any) -> str:
        # The message goes to the section that changed, not the top of the page: the
        # officer lands there (#anchor) and reads it where he acted (issue 13).
        request.session[FLASH_KEY] = {
            "request": str(info_request.public_id),
            "anchor": anchor,
            "text": success(result) if callable(success) else success,
        }
        return f"{url}#{anchor}"

    return run_action(request, form, run, done=None, then=then, again=again)


@login_required
@require_POST
def mark_identity_incomplete(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="identity_form",
        form=IdentityIncompleteForm(request.POST),
        run=lambda data: actions.mark_identity_incomplete(
            actor=user, info_request=info_request, message=data["message"]
        ),
        success=_("Pemohon diminta melengkapi identitas."),
        anchor="identitas",
    )


@login_required
@require_POST
def assign(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="assign_form",
        form=AssignForm(request.POST, officers=_officers(info_request)),
        run=lambda data: actions.assign(
            actor=user, info_request=info_request, officer=data["officer"]
        ),
        success=_("Penanggung jawab sudah ditetapkan."),
        anchor="tugaskan",
    )


@login_required
@require_POST
def forward(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="forward_form",
        form=ForwardForm(request.POST, units=_served_units(info_request)),
        run=lambda data: actions.forward(
            actor=user,
            info_request=info_request,
            units=list(data["units"]),
            instruction=data["instruction"],
            internal_due_date=data["internal_due_date"],
        ),
        success=_("Permohonan sudah didisposisikan ke PPID Pelaksana."),
        anchor="disposisi",
    )


@login_required
@require_POST
def submit_draft(request: HttpRequest, public_id: Any, disposition_id: int) -> HttpResponse:
    info_request = _officer_request(request, public_id)
    disposition = get_object_or_404(
        Disposition.objects.select_related("unit"), pk=disposition_id, info_request=info_request
    )
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key=f"draft_form_{disposition.pk}",
        form=DraftForm(request.POST, request.FILES),
        run=lambda data: actions.submit_draft(
            actor=user,
            disposition=disposition,
            draft_text=data["draft_text"],
            files=data["documents"],
        ),
        success=_("Draf jawaban sudah diserahkan kepada PPID Utama."),
        anchor="disposisi",
    )


@login_required
@require_POST
def save_notice(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    form = NoticeForm(request.POST, shown_outcome=request.POST.get("outcome", ""))
    return _perform(
        request,
        info_request,
        key="notice_form",
        form=form,
        run=lambda data: actions.save_notice(
            actor=user, info_request=info_request, **form.notice_fields()
        ),
        success=_("Draf pemberitahuan tertulis sudah disimpan."),
        anchor="pemberitahuan",
    )


@login_required
@require_POST
def send_notice(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Sending is its own POST with a confirmation: after it the notice never changes."""
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="send_form",
        form=SendNoticeForm(request.POST, candidates=_release_candidates(info_request)),
        run=lambda data: actions.send_notice(
            actor=user,
            info_request=info_request,
            released_file_ids=[item.pk for item in data["released_files"]],
        ),
        success=_sent_message,
        anchor="pemberitahuan",
    )


def _sent_message(notice: Notice) -> str:
    sent = _("Pemberitahuan tertulis sudah dikirim kepada pemohon.")
    letter = issuing.issued(letters.notice_subject(notice.info_request))
    if letter is not None and not letter.is_signed:
        return (
            sent
            + " "
            + _(
                "Suratnya tidak ditandatangani secara elektronik karena %(body)s belum memiliki"
                " sertifikat tanda tangan elektronik. Minta administrator memasangnya."
            )
            % {"body": notice.info_request.ppid_body.name}
        )
    return sent


@login_required
@require_POST
def correct_notice(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="correction_form",
        form=CorrectionForm(request.POST),
        run=lambda data: actions.correct_notice(
            actor=user, info_request=info_request, note=data["note"]
        ),
        success=_("Ralat pemberitahuan sudah dicatat dan dikirim."),
        anchor="pemberitahuan",
    )


@login_required
@require_POST
def extend(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="extend_form",
        form=ExtendForm(request.POST),
        run=lambda data: actions.extend(
            actor=user, info_request=info_request, days=data["days"], reason=data["reason"]
        ),
        success=_extended_message,
        anchor="perpanjangan",
    )


def _extended_message(info_request: InfoRequest) -> str:
    extended = _("Jangka waktu sudah diperpanjang dan suratnya dikirim kepada pemohon.")
    letter = issuing.issued(letters.extension_subject(info_request))
    if letter is not None and not letter.is_signed:
        return (
            extended
            + " "
            + _(
                "Suratnya tidak ditandatangani secara elektronik karena %(body)s belum memiliki"
                " sertifikat tanda tangan elektronik. Minta administrator memasangnya."
            )
            % {"body": info_request.ppid_body.name}
        )
    return extended


@login_required
@require_POST
def officer_message(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _handler_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="message_form",
        form=MessageForm(request.POST),
        run=lambda data: actions.post_message(
            actor=user, info_request=info_request, text=data["text"]
        ),
        success=_("Pesan sudah dikirim kepada pemohon."),
        anchor="pesan",
    )


@login_required
@require_POST
def note(request: HttpRequest, public_id: Any) -> HttpResponse:
    info_request = _officer_request(request, public_id)
    user = current_user(request)
    return _perform(
        request,
        info_request,
        key="note_form",
        form=NoteForm(request.POST),
        run=lambda data: actions.post_message(
            actor=user, info_request=info_request, text=data["text"], internal=True
        ),
        success=_("Catatan internal sudah disimpan."),
        anchor="catatan",
    )

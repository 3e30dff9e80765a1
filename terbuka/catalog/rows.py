"""The tables of the DIP matrix and of the DIK as HTML, written in Python (issue 14).

The DIP page shows 75 matrix rows, each with a dozen values: through the template engine
they were most of the page's CPU time (about 0.2 ms a row, when the target for the whole
page is 5 ms). ``matrix_rows`` writes the same markup the template wrote, every value
escaped as the template engine escapes it, and ``matrix_table`` the table around them
(caption, header row): an included template per table cost as much again on a page of
three. The same for the exemptions (``dik_rows``, ``dik_table``). Templates call them
through ``{% matrix_table %}`` and ``{% dik_table %}`` (``catalog_tags``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from terbuka.catalog.models import Entry, Exemption
from terbuka.dayformat import day
from terbuka.escaping import text

SUMMARY_WORDS = 30


def _summary(summary: str) -> str:
    """``{{ summary|truncatewords:30 }}`` before escaping: Django's ``Truncator`` for a
    long summary, its own result (the words joined by single spaces) for a short one."""
    words = summary.split()
    if len(words) > SUMMARY_WORDS:
        return Truncator(summary).words(SUMMARY_WORDS, truncate=" …")
    return " ".join(words)


def _table(wrap_class: str, label: str, caption: str, cells: str, body: str) -> SafeString:
    """A list's table as the DIP pages show it: a scrollable region named ``label``, its
    caption, the header ``cells`` and the rows' ``body`` (all already escaped)."""
    return mark_safe(  # noqa: S308 (every value is escaped by the callers)
        f'<div class="{wrap_class}" tabindex="0" role="region" aria-label="{label}">\n'
        f'<table class="stack">\n  <caption class="visually-hidden">{caption}</caption>\n'
        f"  <thead>\n    <tr>\n      {cells}\n    </tr>\n  </thead>\n"
        f"  <tbody>\n{body}  </tbody>\n</table>\n</div>\n"
    )


def matrix_table(
    rows: Iterable[Entry],
    *,
    caption: object,
    show_body: bool,
    links: dict[str, tuple[str, str]],
    headers: Sequence[str],
) -> SafeString:
    """A DIP matrix table of ``rows`` (a category, ``caption`` its name): the header row,
    then ``matrix_rows``."""
    name = text(caption)
    label = text(gettext("Tabel %(name)s") % {"name": name})
    cells = "".join(f'<th scope="col">{text(header)}</th>' for header in headers)
    if show_body:
        cells = f'<th scope="col">{text(gettext("Badan publik"))}</th>' + cells
    body = matrix_rows(rows, show_body=show_body, links=links, headers=headers)
    return _table("table-wrap matrix", label, name, cells, body)


def matrix_rows(
    rows: Iterable[Entry],
    *,
    show_body: bool,
    links: dict[str, tuple[str, str]],
    headers: Sequence[str],
) -> SafeString:
    """The ``<tr>`` of each entry: the body (``show_body``), then the Perki columns under
    ``headers`` (``catalog.perki.MATRIX_COLUMNS``), with the links of ``links.url_prefix``."""
    labels = [text(header) for header in headers]
    body_header = text(gettext("Badan publik"))
    overdue = text(gettext("Lewat batas pembaruan"))
    entry_before, entry_after = (text(part) for part in links["entry"])
    body_before, body_after = (text(part) for part in links["body_dip"])
    pieces = []
    for counter, row in enumerate(rows, start=1):
        cells = ["    <tr>\n      "]
        if show_body:
            href = f"{body_before}{text(row.body.slug)}{body_after}"
            cells.append(
                f'<td data-label="{body_header}"><a href="{href}">{text(row.body.name)}</a></td>'
            )
        summary = _summary(str(row.summary))
        badge = (
            f'<br><span class="badge badge-warn">{overdue}</span>' if row.is_update_overdue else ""
        )
        created = text(row.created_when)
        if row.created_where:
            created += f", {text(row.created_where)}"
        forms = []
        if row.available_softcopy:
            forms.append("softcopy")
        if row.available_hardcopy:
            forms.append("hardcopy")
        href = f"{entry_before}{text(row.public_id)}{entry_after}"
        cells.append(
            f'\n      <td data-label="{labels[0]}">{text(row.number or counter)}</td>\n'
            f'      <td data-label="{labels[1]}"><a href="{href}">{text(row.title)}</a>'
            f'<br><span class="help">{text(summary)}</span>\n        {badge}</td>\n'
            f'      <td data-label="{labels[2]}">{text(row.holder)}</td>\n'
            f'      <td data-label="{labels[3]}">{text(row.responsible)}</td>\n'
            f'      <td data-label="{labels[4]}">{created}</td>\n'
            f'      <td data-label="{labels[5]}">{", ".join(forms)}</td>\n'
            f'      <td data-label="{labels[6]}">{text(row.retention)}</td>\n'
            "    </tr>\n"
        )
        pieces.append("".join(cells))
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped above)


def dik_table(
    exemptions: Iterable[Exemption],
    *,
    show_body: bool,
    ended: bool,
    links: dict[str, tuple[str, str]] | None,
) -> SafeString:
    """A DIK table (in force, or ``ended``): the header row, then ``dik_rows``."""
    if ended:
        label = text(gettext("Pengecualian yang telah berakhir"))
    else:
        label = text(gettext("Daftar informasi yang dikecualikan"))
    headers = [
        gettext("Jenis informasi yang dikecualikan"),
        gettext("Dasar pengecualian"),
        gettext("Jangka waktu pengecualian"),
        gettext("Ditetapkan oleh"),
    ]
    if show_body:
        headers.insert(0, gettext("Badan publik"))
    cells = "\n      ".join(f'<th scope="col">{text(header)}</th>' for header in headers)
    body = dik_rows(exemptions, show_body=show_body, ended=ended, links=links)
    return _table("table-wrap", label, label, cells, body)


def dik_rows(
    exemptions: Iterable[Exemption],
    *,
    show_body: bool,
    ended: bool,
    links: dict[str, tuple[str, str]] | None,
) -> SafeString:
    """The ``<tr>`` of each exemption of a DIK table (``catalog/_dik_table.html``), or the
    row saying there is none; ``ended`` marks each as no longer in force."""
    h_body = text(gettext("Badan publik"))
    h_title = text(gettext("Jenis informasi yang dikecualikan"))
    h_ground = text(gettext("Dasar pengecualian"))
    h_period = text(gettext("Jangka waktu pengecualian"))
    h_by = text(gettext("Ditetapkan oleh"))
    ended_label = text(gettext("Berakhir, tidak lagi berlaku"))
    badge = f'<br><span class="badge badge-danger">{ended_label}</span>' if ended else ""
    pieces = []
    for item in exemptions:
        if links:
            before, after = links["exemption"]
            href = text(f"{before}{item.public_id}{after}")
        else:
            href = text(item.get_absolute_url())
        body = f'<td data-label="{h_body}">{text(item.body.name)}</td>' if show_body else ""
        period = f"{day(item.period_start)} – {day(item.period_end)}"
        pieces.append(
            f"    <tr>\n      {body}\n"
            f'      <td data-label="{h_title}"><a href="{href}">{text(item.title)}</a></td>\n'
            f'      <td data-label="{h_ground}">{text(item.ground_label)}</td>\n'
            f'      <td data-label="{h_period}">{period}{badge}</td>\n'
            f'      <td data-label="{h_by}">{text(item.deciding_ppid)}</td>\n'
            "    </tr>\n"
        )
    if not pieces:
        none = text(gettext("Tidak ada informasi yang dikecualikan."))
        pieces.append(f'    <tr><td colspan="{5 if show_body else 4}">{none}</td></tr>\n')
    return mark_safe("".join(pieces))  # noqa: S308 (every value is escaped above)

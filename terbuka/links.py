"""Links to one URL pattern for every row of a list, without a URL reversal per row.

A 50-row page that reverses a URL per row spent a large part of its time in ``reverse``
(issue 14). The pattern is reversed once with a sample argument; each row's link is the
text before it, the row's value and the text after it.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def url_prefix(name: str, **sample: Any) -> tuple[str, str]:
    """The text before and after the one ``sample`` argument in the URL ``name``.

    The sample must be a value whose text appears once in the URL, e.g. ``UUID(int=0)``
    or an unusual slug; the row's value must be one the pattern would accept (a UUID, a
    slug), so that the link is what ``reverse`` would have built.
    """
    (key, value), *rest = sample.items()
    if rest:
        raise TypeError("url_prefix takes one sample argument")
    url = reverse(name, kwargs={key: value})
    before, found, after = url.partition(str(value))
    if not found:
        raise ValueError(f"{value!r} does not appear in {url!r}")
    return before, after

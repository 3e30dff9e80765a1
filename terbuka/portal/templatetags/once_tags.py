"""``{% load once_tags %}``: ``{% anonymous_once %}…{% end_anonymous_once %}``, a part of a
page written once per process for every anonymous visitor who sees the same thing.

The header and footer of ``base.html`` cost about 1.5 ms of every public page (a dozen
URL reversals and some thirty translations, issue 14), yet for an anonymous visitor they
differ only by the language, the page's path (``aria-current``) and the installation's
settings. Inside the tag, for an anonymous visitor, the first rendering is kept under
those (and the template's name, for a page that overrides a block in it) and given again;
a signed-in user's is rendered every time. Only what is the same for every anonymous
visitor of the path belongs inside: never the CSRF token, messages, the query string or
anything of a person.

``{% kept_for NAME flag … %}…{% end_kept_for %}`` does the same for every visitor, signed
in or not, when a part depends on the visitor only through a few yes/no answers (the
menu: signed in, officer, coordinator, keeper of objections, of disputes, DPO): its ~20
links and translations were a millisecond of every signed-in page (the officer inbox,
issue 14). The answers are part of the key, as booleans only.
"""

from __future__ import annotations

import threading
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A few parts per page (path) and language; cleared when full, so a crawl of many paths
# costs a rendering each, never memory.
KEPT_MAX = 1024
_kept: dict[tuple[Any, ...], SafeString] = {}
_lock = threading.Lock()


def _kept_render(context: template.Context, nodelist: template.NodeList, *key: Any) -> str:
    """The part rendered once per process for ``key`` and what else it may depend on:
    the template, the language, the path and the site's settings."""
    request = context["request"]
    origin = getattr(context.template, "origin", None)
    full_key = (
        *key,
        getattr(origin, "name", None),
        translation.get_language(),
        request.path,
        get_script_prefix(),
        settings.TERBUKA_SITE_NAME,
        settings.TERBUKA_SITE_OWNER,
        settings.TERBUKA_LOGO_URL,
    )
    found = _kept.get(full_key)
    if found is None:
        found = mark_safe(nodelist.render(context))  # noqa: S308 (rendered by the engine)
        with _lock:
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            _kept[full_key] = found
    return found


class AnonymousOnceNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        user = context.get("user")
        if request is None or user is None or user.is_authenticated:
            return self.nodelist.render(context)
        return _kept_render(context, self.nodelist, self.name)


@register.tag
def anonymous_once(parser: template.base.Parser, token: template.base.Token) -> AnonymousOnceNode:
    """``{% anonymous_once NAME %}…{% end_anonymous_once %}`` (NAME tells the parts of a
    template apart)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("anonymous_once takes one name")
    nodelist = parser.parse(("end_anonymous_once",))
    parser.delete_first_token()
    return AnonymousOnceNode(nodelist, bits[1])


class KeptForNode(template.Node):
    """A part of a page that depends on nothing of the visitor but the yes/no answers it
    names (e.g. the menu: signed in, officer, …), written once per process for each
    combination of them, path and language (and setting), for every visitor."""

    def __init__(
        self, nodelist: template.NodeList, name: str, flags: list[template.base.FilterExpression]
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.flags = flags

    def render(self, context: template.Context) -> str:
        if context.get("request") is None:
            return self.nodelist.render(context)
        # Only yes or no: nothing of a person can be kept here.
        answers = tuple(bool(flag.resolve(context)) for flag in self.flags)
        return _kept_render(context, self.nodelist, "kept_for", self.name, answers)


@register.tag
def kept_for(parser: template.base.Parser, token: template.base.Token) -> KeptForNode:
    """``{% kept_for NAME flag1 flag2 … %}…{% end_kept_for %}``: the part is the same for
    every visitor with the same truth of each flag (a variable or filter expression) on
    the same path in the same language. Everything else inside must be the same for
    everyone: never a CSRF token, messages, a query string or anything of a person."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept_for takes a name, then its flags")
    flags = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("end_kept_for",))
    parser.delete_first_token()
    return KeptForNode(nodelist, bits[1], flags)


def _forget(**_ignored: object) -> None:
    """A test that changes a setting (a URL, a language) sees it on the next page."""
    with _lock:
        _kept.clear()


setting_changed.connect(_forget, dispatch_uid="terbuka.portal.once_tags.forget")

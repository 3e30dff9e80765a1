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


class AnonymousOnceNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        user = context.get("user")
        if request is None or user is None or user.is_authenticated:
            return self.nodelist.render(context)
        origin = getattr(context.template, "origin", None)
        key = (
            self.name,
            getattr(origin, "name", None),
            translation.get_language(),
            request.path,
            get_script_prefix(),
            settings.TERBUKA_SITE_NAME,
            settings.TERBUKA_SITE_OWNER,
            settings.TERBUKA_LOGO_URL,
        )
        found = _kept.get(key)
        if found is None:
            found = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered by the engine)
            with _lock:
                if len(_kept) >= KEPT_MAX:
                    _kept.clear()
                _kept[key] = found
        return found


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


def _forget(**_ignored: object) -> None:
    """A test that changes a setting (a URL, a language) sees it on the next page."""
    with _lock:
        _kept.clear()


setting_changed.connect(_forget, dispatch_uid="terbuka.portal.once_tags.forget")

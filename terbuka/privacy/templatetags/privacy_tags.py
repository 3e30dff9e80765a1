"""Template filters for links into the privacy pages (navigation, the officer's request
page): ``{% load privacy_tags %}`` then ``user|is_dpo`` or ``user|can_see_access_log:info_request``."""

from __future__ import annotations

from typing import Any

from django import template

from terbuka.privacy import access

register = template.Library()


@register.filter
def is_dpo(user: Any) -> bool:
    return access.is_dpo(user)


@register.filter
def can_see_access_log(user: Any, info_request: Any) -> bool:
    return access.can_see_access_log_of_request(user, info_request)

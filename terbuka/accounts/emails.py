"""The e-mails accounts send, through ``terbuka.mail``. Links are built from ``SITE_URL``,
never from the Host header."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from terbuka import mail
from terbuka.accounts.models import User
from terbuka.accounts.tokens import email_verification_token


def verification_url(user: User, next_url: str = "") -> str:
    path = reverse(
        "accounts:verify_email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_token.make_token(user),
        },
    )
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return settings.SITE_URL.rstrip("/") + path


def send_verification_email(user: User, next_url: str = "") -> None:
    """Mail the link once the account's transaction commits. The visitor asked for it just
    now, so it is written in the language he is using."""
    mail.send(
        "accounts.verify_email",
        to=[mail.Recipient.acting(user.email)],
        template="accounts/email/verify_body.txt",
        subject_template="accounts/email/verify_subject.txt",
        context={"user": user, "url": verification_url(user, next_url)},
        about=f"user {user.pk}",
    )

"""State changes of accounts and officer roles. Views, the admin and scripts call these.

Each change is atomic and leaves an audit record. Audit records never carry personal
data (UU 14/2008 Pasal 17 huruf h; UU 27/2022 Pasal 16): they name the fields that
changed, not their values.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from terbuka.accounts.emails import send_verification_email
from terbuka.accounts.models import RequesterProfile, RequesterType, User
from terbuka.audit.log import record
from terbuka.bodies.models import Role


@transaction.atomic
def register_requester(
    *,
    username: str,
    email: str,
    password: str,
    requester_type: str,
    full_name: str,
    next_url: str = "",
) -> User:
    """Create a requester (UU 14/2008 Pasal 1 angka 12) and mail the verification link.

    The account may not log in until the address is verified (``User.must_verify_email``).
    """
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        first_name=full_name[:150],
        email_verified=False,
    )
    RequesterProfile.objects.create(user=user, requester_type=requester_type, full_name=full_name)
    record(actor=user, action="account.registered", obj=user)
    transaction.on_commit(lambda: send_verification_email(user, next_url))
    return user


# At most one verification mail a minute for an account: the resend form must not become
# a way to flood someone's mailbox.
RESEND_INTERVAL_SECONDS = 60


@transaction.atomic
def resend_verification(*, user: User, next_url: str = "") -> bool:
    """Mail a fresh verification link; False (and nothing sent) if there is nothing to verify
    or a link went out less than a minute ago."""
    if not user.must_verify_email or not user.email or not user.is_active:
        return False
    if not cache.add(f"terbuka:verify-resend:{user.pk}", 1, timeout=RESEND_INTERVAL_SECONDS):
        return False
    transaction.on_commit(lambda: send_verification_email(user, next_url))
    return True


@transaction.atomic
def verify_email(*, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
        record(actor=user, action="account.email_verified", obj=user)
    return user


@transaction.atomic
def update_profile(
    *,
    actor: User,
    requester_type: str,
    full_name: str,
    nik: str,
    legal_entity_decree: str,
    address: str,
    phone: str,
) -> RequesterProfile:
    """Save the requester's identity (Pasal 22(2)); keep only what his type needs.

    An empty ``nik`` keeps the NIK already stored (the form never shows it back). A NIK
    is kept only for individuals and a decree number only for legal entities: data
    minimisation, UU 27/2022 Pasal 16.
    """
    profile, _created = RequesterProfile.objects.select_for_update().get_or_create(
        user=actor, defaults={"full_name": full_name}
    )
    before = {
        "requester_type": profile.requester_type,
        "full_name": profile.full_name,
        "nik_hash": profile.nik_hash,
        "legal_entity_decree": profile.legal_entity_decree,
        "address": profile.address,
        "phone": profile.phone,
    }
    profile.requester_type = requester_type
    profile.full_name = full_name
    if requester_type != RequesterType.INDIVIDUAL:
        profile.set_nik("")
    elif nik:
        profile.set_nik(nik)
    profile.legal_entity_decree = (
        legal_entity_decree if requester_type == RequesterType.LEGAL_ENTITY else ""
    )
    profile.address = address
    profile.phone = phone
    profile.save()
    after = {
        "requester_type": profile.requester_type,
        "full_name": profile.full_name,
        "nik_hash": profile.nik_hash,
        "legal_entity_decree": profile.legal_entity_decree,
        "address": profile.address,
        "phone": profile.phone,
    }
    changed = sorted(
        ("nik" if name == "nik_hash" else name) for name in after if after[name] != before[name]
    )
    if changed:
        record(
            actor=actor,
            action="profile.updated",
            obj=profile,
            detail={"fields": changed},
        )
    return profile


def _role_detail(role: Role) -> dict[str, object]:
    return {"user_id": role.user_id, "body": role.body.code, "kind": role.kind}


@transaction.atomic
def save_role(*, actor: User, role: Role) -> Role:
    """Create or change an officer's role in a body, with an audit record."""
    created = role.pk is None
    role.save()
    record(
        actor=actor,
        action="role.created" if created else "role.changed",
        obj=role,
        summary=f"{role.get_kind_display()} — {role.body.name} — {role.user.username}",
        detail=_role_detail(role),
    )
    return role


@transaction.atomic
def revoke_role(*, actor: User, role: Role) -> None:
    """Take a role away from an officer, with an audit record."""
    pk = role.pk
    record(
        actor=actor,
        action="role.deleted",
        obj=role,
        summary=f"{role.get_kind_display()} — {role.body.name} — {role.user.username}",
        detail=_role_detail(role),
    )
    Role.objects.filter(pk=pk).delete()

"""The second factor of a login: who needs one, enrolment, backup codes, reset.

Devices are django-otp's: one TOTP device (an authenticator app) and one static device
holding the one-time backup codes. Everyone who can open the admin (editors, approvers,
the submissions team, administrators) must have a second factor; anyone else (NGO
partners, staff readers of the intranet) may add one, and once added it is asked for at
every login.
"""

import secrets
from base64 import b32encode
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

import segno
from django_otp import device_classes, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Aplikacja uwierzytelniająca"
BACKUP_DEVICE_NAME = "Kody zapasowe"
# Unambiguous letters and digits (no 0/O, 1/l/I): a code is typed from a sheet of paper.
BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def requires_second_factor(user) -> bool:
    """Whoever can open the admin must sign in with a second factor."""
    if not getattr(settings, "SECOND_FACTOR_REQUIRED", True):
        return False
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def _any_confirmed_device(user_ref) -> Q:
    """One condition for every kind of device django-otp has (it queries each kind apart)."""
    kinds = [
        Exists(model.objects.filter(user=user_ref, confirmed=True)) for model in device_classes()
    ]
    return reduce(or_, map(Q, kinds)) if kinds else Q(pk__in=[])


def has_second_factor(user) -> bool:
    """Does USER have a confirmed device of any kind, as the database holds it right now?

    One query for all kinds (django-otp's user_has_device runs one per kind), read afresh
    at each call, never remembered: a device removed counts as none at once."""
    if user.is_anonymous:
        return False
    return get_user_model().objects.filter(_any_confirmed_device(user.pk), pk=user.pk).exists()


LOADED_DEVICE_STATE = "second_factor_at_load"


def with_device_state(users):
    """USERS (a queryset) with whether each had a confirmed device when its row was read:
    the signed-in user of a request is loaded this way (accounts.backends), so the second
    factor's middleware needs no query of its own."""
    condition = _any_confirmed_device(OuterRef("pk"))
    return users.annotate(**{LOADED_DEVICE_STATE: ExpressionWrapper(condition, BooleanField())})


def had_second_factor_when_loaded(user) -> bool:
    """has_second_factor() for a user object read by with_device_state() (a request's user
    is loaded so, from the database or from a snapshot a device change makes stale:
    accounts.user_snapshot); a query for any other."""
    loaded = getattr(user, LOADED_DEVICE_STATE, None)
    return has_second_factor(user) if loaded is None else loaded


PENDING_SESSION_KEY = "second_factor_pending_device"


def pending_app_device(request) -> TOTPDevice:
    """The unconfirmed TOTP device this session is enrolling (reused on reload).

    Kept per session, never per user: a secret shown to one session (someone holding only
    the password) must not be the one the real user confirms later. A new enrolment
    drops the user's other unconfirmed devices, so an old secret never becomes valid."""
    user = request.user
    pk = request.session.get(PENDING_SESSION_KEY)
    device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None
    if device is None:
        device = new_app_device(user)
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


def new_app_device(user) -> TOTPDevice:
    """A fresh unconfirmed TOTP device for USER; any other unconfirmed one is dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The key in base32, grouped by four characters as authenticator apps accept it."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn on the server."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=5, border=4, dark="#000", light="#fff", svgclass="qr-code")
    # An image with a name for screen readers; the secret is also written out beside it.
    return svg.replace("<svg ", '<svg role="img" aria-label="Kod QR do zeskanowania aplikacją" ', 1)


def _backup_code() -> str:
    return "".join(secrets.choice(BACKUP_ALPHABET) for _ in range(10))


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with fresh ones; return them to show once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_backup_code() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_app_device(device: TOTPDevice) -> list[str]:
    """Make DEVICE the user's only authenticator app; give them new backup codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset_devices(user) -> int:
    """Remove every device of USER (an administrator's reset): they enrol again."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed

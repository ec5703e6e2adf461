"""Administrators' screen of second factors: who has one, and resetting a user's devices.

A reset removes the user's authenticator app and backup codes (a lost phone and lost
codes); at their next login they enrol again. It also ends every session of that user: a
session that had passed only the password (someone else's, perhaps) would otherwise go
straight to enrolment and attach a new phone. Each reset is written to Wagtail's log
(Raporty → Historia witryny): who reset whose devices. Only superusers (the portal's
administrators) see the screen, and a reset is a POST with CSRF, never a link.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import login_limit, two_factor, user_sessions

RESET_ACTION = "accounts.second_factor_reset"


def _administrator_only(request):
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied


def staff_second_factors(request):
    _administrator_only(request)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="access_admin")
            | Q(totpdevice__confirmed=True)
        )
        .annotate(
            has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .distinct()
        .order_by("username")
    )
    rows = [
        {
            "user": user,
            "has_app": user.has_app,
            "required": two_factor.requires_second_factor(user),
            "backup_codes": StaticToken.objects.filter(device__user=user).count(),
        }
        for user in users
    ]
    return render(request, "accounts/admin/second_factors.html", {"rows": rows})


@require_POST
def reset_second_factor(request, user_id: int):
    _administrator_only(request)
    user = get_object_or_404(get_user_model(), pk=user_id)
    with transaction.atomic():
        removed = two_factor.reset_devices(user)
        ended = user_sessions.end_sessions(user)
        log(
            instance=user,
            action=RESET_ACTION,
            user=request.user,
            data={"devices": removed, "sessions": ended},
        )
    login_limit.clear_second_factor(user)
    messages.success(
        request,
        f"Wyzerowano logowanie dwuetapowe konta {user.get_username()} (usunięto urządzeń: "
        f"{removed}, zakończono sesji: {ended}). Przy następnym logowaniu użytkownik doda "
        "aplikację od nowa.",
    )
    return redirect("accounts_second_factors")

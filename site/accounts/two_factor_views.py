"""The second factor's pages: verification at login, enrolment, new backup codes.

Both logins (/logowanie/ and /admin/login/) end here: SecondFactorMiddleware sends a
session that has only passed the password to verification or enrolment, with ?next=.
Wrong codes count on a counter of their own, per account (accounts.login_limit): a
correct password does not clear it, a correct code does; the lock answers 429.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import RedirectURLMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, View

import django_otp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import login_limit, two_factor
from accounts.sections import landing_url_for
from accounts.two_factor_forms import EnrolmentForm, SecondFactorCodeForm

WRONG_CODE = "Ten kod jest nieprawidłowy albo już wygasł. Wpisz aktualny kod z aplikacji."
WRONG_BACKUP_CODE = "Ten kod zapasowy jest nieprawidłowy albo został już użyty."


class NextMixin(RedirectURLMixin):
    """?next= followed only within the site (Django's own check), else the landing page."""

    def get_default_redirect_url(self):
        user = self.request.user
        if user.has_perm("wagtailadmin.access_admin"):
            return "/admin/"
        return landing_url_for(user) or "/"


@method_decorator(login_required, name="dispatch")
class VerifyView(NextMixin, FormView):
    template_name = "accounts/second_factor_verify.html"
    form_class = SecondFactorCodeForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_verified():
            return redirect(self.get_success_url())
        if user.is_authenticated and not two_factor.has_second_factor(user):
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{reverse('accounts:second_factor_enrol')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_redirect_url(), **kwargs)

    def form_valid(self, form):
        user, request = self.request.user, self.request
        if login_limit.second_factor_locked(user):
            form.add_error(None, login_limit.SECOND_FACTOR_LOCKED_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        code = form.cleaned_data["code"]
        model = TOTPDevice if form.is_app_code else StaticDevice
        device = model.objects.filter(user=user, confirmed=True).first()
        verified = device and django_otp.verify_token(user, device.persistent_id, code)
        if not verified:
            login_limit.record_second_factor_failure(user)
            form.add_error("code", WRONG_CODE if form.is_app_code else WRONG_BACKUP_CODE)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        request.session.cycle_key()  # a new session key once the second factor is proven
        django_otp.login(request, verified)
        login_limit.clear_second_factor(user)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(login_required, name="dispatch")
class EnrolView(NextMixin, FormView):
    """Add an authenticator app: QR code and the secret written out, then one code."""

    template_name = "accounts/second_factor_enrol.html"
    form_class = EnrolmentForm

    def dispatch(self, request, *args, **kwargs):
        # A confirmed app is replaced only after an administrator's reset: a stolen
        # password must not be enough to attach the thief's phone.
        user = request.user
        if user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = two_factor.pending_app_device(self.request)
        return super().get_context_data(
            qr_svg=two_factor.qr_code_svg(device),
            secret=two_factor.secret_for_manual_entry(device),
            required=two_factor.requires_second_factor(self.request.user),
            next=self.get_redirect_url(),
            **kwargs,
        )

    def form_valid(self, form):
        request = self.request
        device = two_factor.pending_app_device(request)
        code = form.cleaned_data["code"]
        if not django_otp.verify_token(request.user, device.persistent_id, code):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        codes = two_factor.confirm_app_device(device)
        request.session.cycle_key()  # a new session key once the second factor is proven
        django_otp.login(request, device)
        return render(
            request,
            "accounts/second_factor_codes.html",
            {"codes": codes, "next_url": self.get_success_url(), "just_enrolled": True},
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator(login_required, name="dispatch")
class NewBackupCodesView(NextMixin, View):
    """A verified user replaces their backup codes (the old ones stop working)."""

    def post(self, request):
        if not request.user.is_verified():
            return redirect("accounts:second_factor_verify")
        codes = two_factor.new_backup_codes(request.user)
        return render(
            request,
            "accounts/second_factor_codes.html",
            {"codes": codes, "next_url": self.get_success_url(), "just_enrolled": False},
        )

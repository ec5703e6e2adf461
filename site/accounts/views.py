"""The portal's own login, logout and password reset (Django's views, Polish templates)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from wagtail.admin.views.account import LoginView as WagtailLoginView

from accounts.forms import PortalLoginForm, PortalPasswordResetForm
from accounts.sections import landing_url_for
from core.ratelimit import is_rate_limited


class LoginView(auth_views.LoginView):
    """/logowanie/: readers of the intranet and the NGO zone sign in here, not in /admin/.

    A signed-in person is not redirected away: Wagtail sends someone here with ?next=
    when the page needs another group, and a redirect would loop; the page says so.
    """

    template_name = "accounts/login.html"
    authentication_form = PortalLoginForm

    def get_default_redirect_url(self):
        return landing_url_for(self.request.user) or super().get_default_redirect_url()

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 429 if form.locked else 400
        return response


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


def reset_hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PortalPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"reset_hours": reset_hours()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(reset_hours=reset_hours(), **kwargs)

    def post(self, request, *args, **kwargs):
        # Too many attempts from one address: refuse before validating, so the form
        # cannot be used to probe or to flood mailboxes.
        if is_rate_limited(request, "password-reset-form"):
            return render(request, "accounts/too_many_requests.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class AdminLoginView(WagtailLoginView):
    """/admin/login/: Wagtail's login, answering a lockout with 429 like /logowanie/."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 429 if getattr(form, "locked", False) else 400
        return response

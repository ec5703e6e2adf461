"""Login and password-reset forms of the portal and the admin, with the failure limit."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from accounts import login_limit
from core.absolute_urls import domain_and_scheme
from core.ratelimit import is_rate_limited


class LoginLimitMixin:
    """Refuses a locked (address, user name) before checking the password at all."""

    locked = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and login_limit.is_locked(self.request, username):
            self.locked = True
            raise forms.ValidationError(login_limit.LOCKED_MESSAGE, code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self.request is not None:
                login_limit.record_failure(self.request, username)
            raise
        if self.request is not None:
            login_limit.clear(self.request, username)
        return cleaned


class PortalLoginForm(LoginLimitMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Nieprawidłowa nazwa użytkownika lub hasło. Wielkość liter ma znaczenie.",
        "inactive": "To konto jest nieaktywne. Skontaktuj się z wydziałem.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Nazwa użytkownika"
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].label = "Hasło"


class AdminLoginForm(LoginLimitMixin, WagtailLoginForm):
    """The admin's own login form (WAGTAILADMIN_USER_LOGIN_FORM), limited the same way."""


class LimitedResetMixin:
    """Sends at most RATE_LIMITS["password-reset"] reset mails per client address.

    Links in the message are built from WAGTAILADMIN_BASE_URL (core.absolute_urls).
    Over the limit nothing is sent, and the person sees the same "sent" page, so the
    form still does not reveal which addresses have accounts.
    """

    def save(self, *args, request=None, **kwargs):
        if request is not None and is_rate_limited(request, "password-reset"):
            return None
        # The link's host and scheme from the configuration, never from the Host header.
        domain, use_https = domain_and_scheme()
        kwargs.update(domain_override=domain, use_https=use_https)
        return super().save(*args, request=request, **kwargs)


class PortalPasswordResetForm(LimitedResetMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Adres e-mail konta"


class LimitedPasswordResetForm(LimitedResetMixin, WagtailPasswordResetForm):
    """The admin's password reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

"""What every submission form shares: a one-time token and, for the public, a honeypot."""

import uuid

from django import forms

HONEYPOT_FIELD = "website"
EXPIRED = "Formularz jest niekompletny – otwórz go ponownie i wypełnij jeszcze raz."


class OneTimeForm(forms.ModelForm):
    """A ModelForm for a `Submission` subclass, with double-submit protection: the form
    carries the token the submission is stored under (`Submission.save_once`), so the
    same form posted twice (a double click, a retry after a timeout, the browser's
    "resend") finds the first submission instead of storing a second one. Staff entry
    forms in the admin use it as the public ones do."""

    form_token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": EXPIRED, "invalid": EXPIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

    def build_instance(self, **extra):
        """The unsaved submission with the form token and EXTRA fields set."""
        instance = self.save(commit=False)
        instance.form_token = self.cleaned_data["form_token"]
        for name, value in extra.items():
            setattr(instance, name, value)
        return instance


def stored_with_token(model, token):
    """The MODEL submission already stored with the form token TOKEN (as posted, so
    possibly not a UUID at all), or None."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return model.objects.filter(form_token=token).first()


class PublicSubmissionForm(OneTimeForm):
    """A public form's ModelForm: spam and double-submit protection.

    The honeypot is hidden from people by CSS and from assistive technology by the
    template (`includes/honeypot.html`); bots that fill every input are refused.
    """

    website = forms.CharField(label="Nie wypełniaj tego pola", required=False, max_length=200)

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "Formularz został odrzucony jako wysłany automatycznie. "
                "Jeśli to pomyłka, zadzwoń lub napisz do nas."
            )
        return ""

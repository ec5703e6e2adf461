"""What every public form shares: a honeypot and a one-time token."""

import uuid

from django import forms

HONEYPOT_FIELD = "website"


class PublicSubmissionForm(forms.ModelForm):
    """A ModelForm for a `Submission` subclass, with spam and double-submit protection.

    The honeypot is hidden from people by CSS and from assistive technology by the
    template (`includes/honeypot.html`); bots that fill every input are refused.
    """

    website = forms.CharField(label="Nie wypełniaj tego pola", required=False, max_length=200)
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "Formularz został odrzucony jako wysłany automatycznie. "
                "Jeśli to pomyłka, zadzwoń lub napisz do nas."
            )
        return ""

    def build_instance(self, **extra):
        """The unsaved submission with the form token and EXTRA fields set."""
        instance = self.save(commit=False)
        instance.form_token = self.cleaned_data["form_token"]
        for name, value in extra.items():
            setattr(instance, name, value)
        return instance

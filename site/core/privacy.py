"""What the portal says about the personal data its forms take (RODO art. 13).

Each form's model (a `core.models.Submission`) declares its purpose, required data and
where its retention starts; the clause beside the form and the privacy page both read
those declarations, so they never disagree.
"""

from django.apps import apps

from core.models import Submission

PRIVACY_PAGE_URL = "/polityka-prywatnosci/"


def submission_models() -> list[type[Submission]]:
    """Every form model that takes personal data, in the order of their names (each must
    declare its `privacy_form_name`: tests/pages/department/test_privacy_policy.py checks)."""
    found = [model for model in apps.get_models() if issubclass(model, Submission)]
    return sorted(found, key=lambda model: model.privacy_form_name or model._meta.label)

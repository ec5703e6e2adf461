from wagtail import hooks

from core import public_forms
from voting.public_forms import Ballots


@hooks.register(public_forms.HOOK)
def ballots():
    return Ballots()

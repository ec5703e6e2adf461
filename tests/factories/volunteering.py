"""Factories of volunteering: the index page, offers and answers."""

import uuid
from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from pages.volunteering.models import VolunteerAnswer, VolunteeringIndexPage, VolunteerOffer
from tests.factories.registry import NGOFactory, area


class VolunteeringIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VolunteeringIndexPage

    title = "Wolontariat"
    slug = "wolontariat"


class VolunteerOfferFactory(factory.django.DjangoModelFactory):
    """A published offer taking answers for another month."""

    class Meta:
        model = VolunteerOffer

    ngo = factory.SubFactory(NGOFactory)
    title = factory.Sequence(lambda n: f"Pomoc w świetlicy {n}")
    description = "Zajęcia z dziećmi po lekcjach."
    area = factory.LazyFunction(lambda: area("16"))
    address = "ul. Testowa 2"
    schedule = "w każdą sobotę 10:00–13:00"
    volunteers_needed = 3
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    live = True


class VolunteerAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerAnswer

    offer = factory.SubFactory(VolunteerOfferFactory)
    name = factory.Sequence(lambda n: f"Wolontariusz Testowy {n}")
    email = factory.Sequence(lambda n: f"wolontariusz{n}@example.org")
    age_group = "18-plus"
    receipt_number = factory.Sequence(lambda n: f"WO-TEST-{n}")
    form_token = factory.LazyFunction(uuid.uuid4)

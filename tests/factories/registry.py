"""Factories of the NGO registry, grant calls and small-grant offers."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories

from pages.registry.models import GrantCallIndexPage, NGODirectoryPage
from snippets import identifiers
from snippets.models import NGO, GrantAward, GrantCall, PublicBenefitArea, SmallGrantOffer

_rng = random.Random(20030424)


def area(number: str = "16") -> PublicBenefitArea:
    """An area seeded by the migration (art. 4 ust. 1)."""
    return PublicBenefitArea.objects.get(number=number)


class NGOFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NGO
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stowarzyszenie Testowe {n}")
    legal_form = "stowarzyszenie"
    krs = factory.LazyFunction(lambda: identifiers.random_krs(_rng))
    nip = factory.LazyFunction(lambda: identifiers.random_nip(_rng))
    regon = factory.LazyFunction(lambda: identifiers.random_regon(_rng))
    street_address = "ul. Testowa 1"
    postal_code = "41-300"
    email = factory.Sequence(lambda n: f"biuro{n}@example.org")
    live = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()  # a ParentalManyToManyField is written when its parent is saved


class GrantCallFactory(factory.django.DjangoModelFactory):
    """An open competition that is open now (announced a week ago, due in three weeks)."""

    class Meta:
        model = GrantCall

    title = factory.Sequence(lambda n: f"Konkurs testowy {n}")
    procedure = "konkurs"
    task = "Organizacja wypoczynku dzieci i młodzieży"
    area = factory.LazyFunction(lambda: area("15"))
    total_funds = Decimal("100000.00")
    min_grant = Decimal("1000.00")
    max_grant = Decimal("20000.00")
    announced_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    offers_due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    live = True


class GrantAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantAward

    call = factory.SubFactory(GrantCallFactory)
    ngo = factory.SubFactory(NGOFactory)
    task_title = factory.Sequence(lambda n: f"Zadanie {n}")
    amount = Decimal("5000.00")


class SmallGrantOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmallGrantOffer

    ngo = factory.SubFactory(NGOFactory)
    title = factory.Sequence(lambda n: f"Piknik sąsiedzki {n}")
    area = factory.LazyFunction(lambda: area("13"))
    amount = Decimal("8000.00")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    published_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    live = True


class NGODirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NGODirectoryPage

    title = "Organizacje pozarządowe"
    slug = "organizacje"
    show_in_menus = True


class GrantCallIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GrantCallIndexPage

    title = "Konkursy"
    slug = "konkursy"
    show_in_menus = True

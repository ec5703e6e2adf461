import factory
import wagtail_factories

from pages.department.models import ContactPage, DepartmentPage, HomePage, StandardPage, TeamPage
from snippets.models import District, Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Osoba Testowa {n}")
    position = "Inspektor"
    phone = "32 295 67 00"
    email = factory.Sequence(lambda n: f"osoba{n}@dg.pl")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Osiedle {n}")
    slug = factory.Sequence(lambda n: f"osiedle-{n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Strona główna"


class DepartmentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DepartmentPage

    title = "Wydział Testowy"
    slug = "wydzial"
    street_address = "ul. Sienkiewicza 6a"
    postal_code = "41-300"
    secretariat_phone = "602 502 478"
    show_in_menus = True


class TeamPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TeamPage

    title = factory.Sequence(lambda n: f"Zespół {n}")
    email = "zespol@dg.pl"
    phone = "518 270 597"


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = "Kontakt"
    slug = "kontakt"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Strona {n}")

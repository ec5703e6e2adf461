from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import factory

PASSWORD = "Hasło-testowe-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `groups=["Pracownicy"]` puts them in the department's groups by name."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"uzytkownik{n}")
    email = factory.Sequence(lambda n: f"uzytkownik{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))
        self.save()

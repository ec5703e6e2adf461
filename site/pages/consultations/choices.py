"""The vocabularies of consultation responses and their analysis (Polish labels)."""

from django.db import models


class Channel(models.TextChoices):
    ONLINE = "online", "Formularz na stronie"
    PAPER = "paper", "Pismo (papierowe)"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Spotkanie konsultacyjne"


# The channels staff type in (the online form stores its own).
STAFF_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]


class Position(models.TextChoices):
    """The city's position on a comment, as Polish consultation reports state it."""

    ACCEPTED = "accepted", "Uwzględniona"
    PARTLY = "partly", "Częściowo uwzględniona"
    REJECTED = "rejected", "Nieuwzględniona"
    OUT_OF_SCOPE = "out_of_scope", "Poza zakresem konsultacji"


# How the report names whoever sent a comment that no organisation signed.
PRIVATE_PERSON = "Osoba prywatna"

"""The comments on art. 19a offers in the admin: listed and exported, never edited."""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

import pytest

from pages.registry.models import OfferComment
from tests.factories.registry import SmallGrantOfferFactory

pytestmark = pytest.mark.django_db


def test_comments_are_listed_exported_and_read_only(client):
    offer = SmallGrantOfferFactory(title="Festyn")
    OfferComment.objects.create(
        offer=offer,
        receipt_number="UO-2026-AAAA-BBBB",
        author_name="Jan Nowak",
        email="jan@example.org",
        comment="=HYPERLINK(zla)",
    )
    client.force_login(get_user_model().objects.create_superuser("admin", "a@e.pl", "x"))
    listing = client.get(reverse("offer_comments:index"))
    assert listing.status_code == 200
    assert "UO-2026-AAAA-BBBB" in listing.text and "Festyn" in listing.text
    exported = client.get(reverse("offer_comments:index"), {"export": "csv"})
    text = b"".join(exported.streaming_content).decode()
    assert "Numer potwierdzenia" in text and "jan@example.org" in text
    assert "'=HYPERLINK(zla)" in text  # a spreadsheet would run it as a formula
    comment = OfferComment.objects.get()
    assert client.get(reverse("offer_comments:inspect", args=[comment.pk])).status_code == 200
    for name in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"offer_comments:{name}", args=[] if name == "add" else [comment.pk])

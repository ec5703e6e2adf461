"""Art. 19a: an offer is open for anyone's comments for 7 days after its publication."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone

import pytest

from core import deadlines
from core.models import DeadlineSettings
from core.retention import purge_expired_personal_data
from pages.registry.models import OfferComment
from snippets.models import SmallGrantOffer
from tests.factories.registry import SmallGrantOfferFactory

WARSAW = ZoneInfo("Europe/Warsaw")
SECOND = timedelta(seconds=1)


def offer_published_on(day, live=True):
    """An unsaved offer as if published on DAY (the window fixed as publication does)."""
    offer = SmallGrantOffer(published_on=day, live=live)
    offer.fix_publication()
    return offer


@pytest.mark.django_db
def test_window_runs_seven_full_days_after_the_publication_day():
    offer = offer_published_on(date(2026, 3, 1))
    opens = datetime(2026, 3, 1, 0, 0, tzinfo=WARSAW)
    closes = offer.comments_close_at
    assert closes == datetime(2026, 3, 9, 0, 0, tzinfo=WARSAW)  # comments until 8 March
    assert not offer.comments_open_at(opens - SECOND)
    assert offer.comments_open_at(opens)
    assert offer.comments_open_at(closes - SECOND)
    assert not offer.comments_open_at(closes)
    assert not SmallGrantOffer(live=True).comments_open_at(opens)


@pytest.mark.django_db
def test_window_keeps_to_warsaw_midnight_across_a_time_change():
    # 25 October 2026: the clocks go back; the window still ends at local midnight.
    closes = offer_published_on(date(2026, 10, 20)).comments_close_at
    assert closes == datetime(2026, 10, 28, 0, 0, tzinfo=WARSAW)
    assert closes.utcoffset() == timedelta(hours=1)


def post_data(token=None, **overrides):
    data = {
        "author_name": "Jan Kowalski",
        "email": "jan@example.org",
        "comment": "Kosztorys zawyża koszt wynajmu sali.",
        "website": "",
        "form_token": str(token or uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def open_offer(db):
    return SmallGrantOfferFactory(published_on=timezone.localdate() - timedelta(days=2))


@pytest.fixture
def closed_offer(db):
    return SmallGrantOfferFactory(published_on=timezone.localdate() - timedelta(days=8))


@pytest.mark.django_db
def test_open_offer_shows_the_form_and_stores_a_comment_once(client, calls_page, open_offer):
    url = f"/konkursy/oferty/{open_offer.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="comment"' in page.text
    assert "Informacja o przetwarzaniu danych osobowych" in page.text
    token = uuid.uuid4()
    first = client.post(url, post_data(token))
    assert first.status_code == 200
    comment = OfferComment.objects.get()
    assert comment.offer == open_offer
    assert comment.receipt_number in first.text
    assert comment.receipt_number.startswith("UO-")
    again = client.post(url, post_data(token))  # a double click
    assert OfferComment.objects.count() == 1
    assert comment.receipt_number in again.text


@pytest.mark.django_db
def test_invalid_comment_is_refused_with_errors_and_kept(client, calls_page, open_offer):
    url = f"/konkursy/oferty/{open_offer.pk}/"
    response = client.post(url, post_data(author_name="  ", comment="", email="zly-adres"))
    assert response.status_code == 400
    assert "Formularz zawiera błędy" in response.text
    assert "Podaj imię i nazwisko albo nazwę organizacji." in response.text
    assert "Wpisz adres e-mail w postaci nazwa@domena.pl." in response.text
    assert 'value="zly-adres"' in response.text
    assert not OfferComment.objects.exists()


@pytest.mark.django_db
def test_honeypot_refuses_bots(client, calls_page, open_offer):
    response = client.post(f"/konkursy/oferty/{open_offer.pk}/", post_data(website="spam"))
    assert response.status_code == 400
    assert not OfferComment.objects.exists()


@pytest.mark.django_db
def test_closed_window_says_so_and_refuses_comments(client, calls_page, closed_offer):
    url = f"/konkursy/oferty/{closed_offer.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Termin zgłaszania uwag minął" in page.text
    assert 'name="comment"' not in page.text
    response = client.post(url, post_data())
    assert response.status_code == 409  # was 403: one status for "not accepting now"
    assert "Twoje uwagi nie zostały zapisane." in response.text
    assert not OfferComment.objects.exists()


@pytest.mark.django_db
def test_last_day_of_the_window_still_takes_comments(client, calls_page):
    offer = SmallGrantOfferFactory(published_on=timezone.localdate() - timedelta(days=7))
    response = client.post(f"/konkursy/oferty/{offer.pk}/", post_data())
    assert response.status_code == 200
    assert OfferComment.objects.count() == 1


@pytest.mark.django_db
def test_comments_are_rate_limited(client, calls_page, open_offer):
    url = f"/konkursy/oferty/{open_offer.pk}/"
    for _ in range(10):
        assert client.post(url, post_data()).status_code == 200
    response = client.post(url, post_data())
    assert response.status_code == 429
    assert "zbyt wiele formularzy" in response.text
    assert OfferComment.objects.count() == 10


@pytest.mark.django_db
def test_unpublished_or_future_offers_are_not_shown(client, calls_page):
    draft = SmallGrantOfferFactory(live=False)
    future = SmallGrantOfferFactory(published_on=timezone.localdate() + timedelta(days=1))
    assert client.get(f"/konkursy/oferty/{draft.pk}/").status_code == 404
    assert client.get(f"/konkursy/oferty/{future.pk}/").status_code == 404
    assert client.post(f"/konkursy/oferty/{future.pk}/", post_data()).status_code == 404
    assert not OfferComment.objects.exists()


@pytest.mark.django_db
def test_calls_page_lists_offers_open_for_comments(client, calls_page, open_offer, closed_offer):
    text = client.get("/konkursy/").text
    assert open_offer.title in text
    assert closed_offer.title not in text
    listing = client.get("/konkursy/oferty/").text
    assert open_offer.title in listing and closed_offer.title in listing
    assert "uwagi przyjmowane" in listing and "termin uwag minął" in listing


@pytest.mark.django_db
def test_personal_data_are_purged_after_retention(client, calls_page, home_page):
    offer = SmallGrantOfferFactory(published_on=date(2026, 1, 10), received_on=date(2026, 1, 9))
    comment = OfferComment.objects.create(
        offer=offer, author_name="Anna Nowak", email="anna@example.org", comment="Uwaga."
    )
    comment.receipt_number = "UO-2026-TEST-0001"
    comment.save()
    window_closes = datetime(2026, 1, 18, 0, 0, tzinfo=WARSAW)
    # Retention (365 days by default) counts from the end of the comment window.
    before = purge_expired_personal_data(now=window_closes + timedelta(days=364))
    assert before["registry.OfferComment"] == 0
    after = purge_expired_personal_data(now=window_closes + timedelta(days=366))
    assert after["registry.OfferComment"] == 1
    comment.refresh_from_db()
    assert (comment.author_name, comment.email) == ("", "")
    assert comment.comment == "Uwaga."
    assert comment.personal_data_removed_at is not None


@pytest.mark.django_db
def test_the_window_counts_from_going_live_not_from_the_typed_date(client, calls_page):
    """A draft dated six days back and published today gets its full 7 days from today,
    and shows today as its publication date (art. 19a ust. 3)."""
    today = timezone.localdate()
    offer = SmallGrantOfferFactory(
        live=False, received_on=today - timedelta(days=7), published_on=today - timedelta(days=6)
    )
    offer.save_revision().publish()
    offer.refresh_from_db()
    assert offer.published_on == today
    assert offer.comments_close_at == deadlines.day_end(today + timedelta(days=7))
    page = client.get(f"/konkursy/oferty/{offer.pk}/").text
    assert f"<dd>{dateformat.format(today, 'j E Y')}</dd>" in page
    assert "zostało 7 dni" in page
    # Published again after an edit: the window announced stays as it was.
    offer.summary = "Poprawiony opis."
    offer.save_revision().publish()
    offer.refresh_from_db()
    assert offer.comments_close_at == deadlines.day_end(today + timedelta(days=7))


@pytest.mark.django_db
def test_art_115_extension_is_a_setting_and_off_by_default():
    saturday_end = date(2026, 10, 17)  # + 7 days: Saturday 24 October
    assert offer_published_on(saturday_end).comments_close_at == deadlines.day_end(
        date(2026, 10, 24)
    )
    settings = DeadlineSettings.load()
    settings.extend_to_working_day = True
    settings.save()
    assert offer_published_on(saturday_end).comments_close_at == deadlines.day_end(
        date(2026, 10, 26)
    )

"""Subscribe → confirm → receive (immediate, digest by the clock) → leave with one click."""

from datetime import datetime, timedelta

from django.core import mail
from django.utils import timezone

import pytest

from alerts import clock
from alerts.models import Delivery, SignUp, Subscriber, Subscription
from tests.alerts.conftest import CONFIRM_LINK, signup_data
from tests.factories.consultations import AnnouncementPageFactory, ConsultationPageFactory
from tests.factories.pages import DistrictFactory

pytestmark = pytest.mark.django_db


def alerts_to(email):
    return [m for m in mail.outbox if m.to == [email]]


def test_nothing_is_sent_before_the_address_confirms(client, consultations, commit):
    with commit():
        response = client.post("/powiadomienia/", signup_data())
    assert response.status_code == 200
    assert "Sprawdź skrzynkę" in response.text
    [confirmation] = mail.outbox
    assert confirmation.to == ["ala@example.pl"]
    signup = SignUp.objects.get()
    assert signup.confirmed_at is None
    # Only the link's digest is stored: the token itself is in the e-mail only.
    token = CONFIRM_LINK.search(confirmation.body).group(1).split("/")[-2]
    assert token not in signup.token_digest
    mail.outbox.clear()
    with commit():
        ConsultationPageFactory(parent=consultations)
    assert mail.outbox == []
    assert not Subscriber.objects.exists()


def test_opening_the_link_does_not_confirm_only_the_button_does(client, consultations, commit):
    with commit():
        client.post("/powiadomienia/", signup_data())
    path = CONFIRM_LINK.search(mail.outbox[0].body).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert "Potwierdzam zapis" in response.text
    assert not Subscriber.objects.exists()
    response = client.post(path)
    assert "zapis potwierdzony" in response.text
    subscriber = Subscriber.objects.get(email="ala@example.pl")
    # The sign-up gave its address away; it keeps only its receipt.
    assert SignUp.objects.get().email == ""
    # One-time: the link works once.
    assert "już potwierdzony" in client.post(path).text
    assert Subscriber.objects.get() == subscriber


def test_an_expired_link_confirms_nothing(client, commit):
    with commit():
        client.post("/powiadomienia/", signup_data())
    SignUp.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    path = CONFIRM_LINK.search(mail.outbox[0].body).group(1)
    response = client.post(path)
    assert response.status_code == 410
    assert "Link wygasł" in response.text
    assert not Subscriber.objects.exists()


def test_immediate_alert_then_one_click_unsubscribe(client, consultations, subscribe, commit):
    email = subscribe()
    with commit():
        page = ConsultationPageFactory(parent=consultations, title="Park przy ul. Kasprzaka")
    [message] = alerts_to(email)
    assert "Park przy ul. Kasprzaka" in message.subject
    assert f"http://testserver{page.url}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="pl">' in html
    assert f'href="http://testserver{page.url}"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    # RFC 8058: the mail client POSTs the body below, without cookies or a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(
        unsubscribe.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    mail.outbox.clear()
    with commit():
        ConsultationPageFactory(parent=consultations)
    assert mail.outbox == []


def test_daily_digest_goes_out_at_the_set_time(
    client, consultations, announcements, subscribe, commit, settings
):
    settings.ALERTS_DIGEST_TIME = "07:00"
    email = subscribe(kinds=["consultation", "announcement"], frequency="daily")
    with commit():
        ConsultationPageFactory(parent=consultations, title="Konsultacja A")
        AnnouncementPageFactory(parent=announcements, title="Ogłoszenie B")
    assert alerts_to(email) == []
    assert Delivery.objects.filter(state="pending", frequency="daily").count() == 2
    today = timezone.localdate()
    # The mark is "before the first run", so the run after 7:00 today sends.
    before = timezone.make_aware(datetime.combine(today, datetime.min.time())) + timedelta(
        hours=6, minutes=55
    )
    clock.tick(before)
    # A run before 7:00 looks back to yesterday's 7:00 digest, already due: it sends that.
    [digest] = alerts_to(email)
    assert digest.subject == "Zestawienie powiadomień: 2 nowości"
    assert "Konsultacja A" in digest.body and "Ogłoszenie B" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The next runs the same day send nothing more; the next digest is at 7:00.
    mail.outbox.clear()
    with commit():
        ConsultationPageFactory(parent=consultations, title="Konsultacja C")
    clock.tick(before + timedelta(minutes=1))
    assert alerts_to(email) == []
    clock.tick(before + timedelta(minutes=6))  # 7:01
    [digest] = alerts_to(email)
    assert "Konsultacja C" in digest.body and "Konsultacja A" not in digest.body
    clock.tick(before + timedelta(hours=3))
    assert len(alerts_to(email)) == 1


def test_weekly_digest_waits_for_its_weekday(client, consultations, subscribe, commit, settings):
    settings.ALERTS_DIGEST_TIME = "07:00"
    settings.ALERTS_WEEKLY_DIGEST_WEEKDAY = 0  # Monday
    email = subscribe(frequency="weekly")
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    at_seven = timezone.make_aware(datetime.combine(monday, datetime.min.time())) + timedelta(
        hours=7, minutes=1
    )
    clock.tick(at_seven)  # this Monday's digest (nothing pending yet)
    with commit():
        ConsultationPageFactory(parent=consultations, title="Konsultacja tygodnia")
    for days in range(1, 7):
        clock.tick(at_seven + timedelta(days=days))
    assert alerts_to(email) == []
    clock.tick(at_seven + timedelta(days=7))
    [digest] = alerts_to(email)
    assert "Konsultacja tygodnia" in digest.body


def test_narrowed_by_district_gets_its_district_and_the_whole_city(
    client, consultations, subscribe, commit
):
    centrum, golonog = DistrictFactory(name="Centrum"), DistrictFactory(name="Gołonóg")
    email = subscribe(district=centrum.slug)
    assert Subscription.objects.get().district == centrum.slug
    with commit():
        ConsultationPageFactory(parent=consultations, title="W Centrum", districts=[centrum])
        ConsultationPageFactory(parent=consultations, title="W Gołonogu", districts=[golonog])
        ConsultationPageFactory(parent=consultations, title="Całe miasto")
    titles = sorted(m.subject.split(": ", 1)[1] for m in alerts_to(email))
    assert titles == ["Całe miasto", "W Centrum"]


def test_manage_page_by_link_removes_one_and_changes_frequency(client, subscribe, announcements):
    email = subscribe(kinds=["consultation", "announcement"])
    subscriber = Subscriber.objects.get(email=email)
    path = f"/powiadomienia/zarzadzaj/{subscriber.token}/"
    response = client.get(path)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin"
    assert "Konsultacje społeczne" in response.text and "Ogłoszenia wydziału" in response.text
    one = subscriber.subscriptions.get(kind="announcement")
    client.post(path, {"usun": one.pk})
    client.post(path, {"czestotliwosc": "weekly"})
    assert list(subscriber.subscriptions.values_list("kind", "frequency")) == [
        ("consultation", "weekly")
    ]
    wrong = f"/powiadomienia/zarzadzaj/{subscriber.pk}-{'x' * 43}/"
    assert client.get(wrong).status_code == 404
    client.post(path, {"wypisz": "1"})
    assert not Subscriber.objects.exists()

from django.test import RequestFactory

from core.ratelimit import is_rate_limited


def _request(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_limit_counts_per_address_and_scope():
    first = _request("10.0.0.1")
    assert [is_rate_limited(first, "comment", 3, 60) for _ in range(4)] == [
        False,
        False,
        False,
        True,
    ]
    # Another address, and another scope for the same address, have their own counts.
    assert not is_rate_limited(_request("10.0.0.2"), "comment", 3, 60)
    assert not is_rate_limited(first, "booking", 3, 60)


def test_forwarded_address_counts_only_behind_trusted_proxies(settings):
    spoofed = RequestFactory().post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    other = RequestFactory().post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="5.6.7.8")
    is_rate_limited(spoofed, "login", 1, 60)
    # Without trusted proxies the header is ignored: both are the same client.
    assert is_rate_limited(other, "login", 1, 60)
    settings.TRUSTED_PROXY_COUNT = 1
    assert not is_rate_limited(other, "login2", 1, 60)
    assert not is_rate_limited(spoofed, "login2", 1, 60)

"""The SSRF guard sees through IPv6 addresses that lead to an IPv4 one: IPv4-mapped,
NAT64 (64:ff9b::/96; its local-use 64:ff9b:1::/48 refused outright), 6to4 (2002::/16),
Teredo (2001::/32) and IPv4-compatible (::a.b.c.d); the IPv4 address inside is judged
by the same rules as one given directly."""

import ipaddress

import pytest

from webhooks.targets import UnsafeTarget, check_target, is_public


@pytest.mark.parametrize(
    "address",
    [
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:169.254.169.254",  # IPv4-mapped cloud metadata
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::808:808",  # NAT64 local-use: never public
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:1::1",  # 6to4 of 192.168.0.1
        "2001:0:7f00:1::1",  # Teredo, server 127.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "::127.0.0.1",  # IPv4-compatible loopback
        "::10.0.0.1",
        "fec0::1",  # site-local (deprecated; Python calls it global)
    ],
)
def test_ipv6_wrapping_a_private_ipv4_is_refused(address, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    assert not is_public(ipaddress.ip_address(address))
    with pytest.raises(UnsafeTarget, match="sieci wewnętrznej"):
        check_target(f"http://[{address}]/hook")


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111"],
)
def test_public_addresses_and_wrappings_of_public_ones_pass(address):
    assert is_public(ipaddress.ip_address(address))
    host = f"[{address}]" if ":" in address else address
    assert check_target(f"https://{host}/hook") == address

"""Where a webhook may be sent: http(s) only, and never to an address inside the city's
network or the machine itself (a registered URL must not let anyone reach internal
services through the worker). Checked when an endpoint is saved and again before each
delivery (a name may resolve elsewhere later). `check_target` returns the address it
vetted and the sender connects to that very address (webhooks.sending), so a name that
resolves to a public address for the check and to an internal one a moment later (DNS
rebinding) cannot lead the worker inside."""

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeTarget(ValueError):
    pass


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: NAT64's well-known
# prefix (RFC 6052) and the deprecated IPv4-compatible addresses (::a.b.c.d). A gateway
# forwards 64:ff9b::7f00:1 to 127.0.0.1, so the IPv4 address inside is what is judged.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# NAT64's local-use prefix (RFC 8215): the operator chooses where in it the IPv4 address
# sits, so it cannot be read out; it is by definition not public, and refused.
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def embedded_ipv4(ip) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: IPv4-mapped, NAT64, 6to4 (2002::/16),
    Teredo (2001::/32: its server and its client) and IPv4-compatible."""
    if ip.version != 6:
        return []
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    if ip in NAT64 or ip in IPV4_COMPATIBLE:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def is_public(ip) -> bool:
    """Whether IP, and every IPv4 address it wraps, is a public unicast address."""
    if not ip.is_global or ip.is_multicast:
        return False
    # Site-local fec0::/10 is deprecated but Python still calls it global.
    if ip.version == 6 and (ip in NAT64_LOCAL or ip.is_site_local):
        return False
    return all(is_public(inner) for inner in embedded_ipv4(ip))


def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeTarget("Nie można ustalić adresu serwera z tego adresu URL.") from error
    return [info[4][0] for info in infos]


def check_target(url: str, allow_private: bool = False) -> str | None:
    """Raise UnsafeTarget (its message in Polish) unless URL may receive a webhook; return
    the checked address to connect to. ALLOW_PRIVATE (settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS)
    skips the address check only (and returns None: the name is resolved as usual)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Adres musi zaczynać się od http:// lub https:// i mieć nazwę serwera.")
    if parts.username or parts.password:
        raise UnsafeTarget("Adres nie może zawierać nazwy użytkownika ani hasła.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeTarget("Nieprawidłowy numer portu.") from error
    if allow_private:
        return None
    addresses = _addresses(parts.hostname, port)
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not is_public(ip):
            raise UnsafeTarget(
                "Adres prowadzi do sieci wewnętrznej lub tego serwera "
                f"({ip}): webhooki wysyłamy tylko na adresy publiczne."
            )
    return addresses[0]

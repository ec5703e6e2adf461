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
        if not ip.is_global or ip.is_multicast:
            raise UnsafeTarget(
                "Adres prowadzi do sieci wewnętrznej lub tego serwera "
                f"({ip}): webhooki wysyłamy tylko na adresy publiczne."
            )
    return addresses[0]

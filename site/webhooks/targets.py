"""Where a webhook may be sent: http(s) only, and never to an address inside the city's
network or the machine itself (a registered URL must not let anyone reach internal
services through the worker). Checked when an endpoint is saved and again before each
delivery (a name may resolve elsewhere later)."""

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


def check_target(url: str, allow_private: bool = False) -> None:
    """Raise UnsafeTarget (its message in Polish) unless URL may receive a webhook.
    ALLOW_PRIVATE (settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS) skips the address check only."""
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
        return
    for address in _addresses(parts.hostname, port):
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise UnsafeTarget(
                "Adres prowadzi do sieci wewnętrznej lub tego serwera "
                f"({ip}): webhooki wysyłamy tylko na adresy publiczne."
            )

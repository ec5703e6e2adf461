"""The typed confirmation code: the e-mail carries a link and, for whoever cannot open
links (a phone's mail app, a mail scanner, a screen reader reading the message aloud), a
short code to type on /budzet/glosowanie/potwierdz-kodem/ with the ballot's number.

8 characters from 31 that cannot be mistaken for one another (no 0/O, 1/I/L): 31**8 ≈
8.5·10**11 codes, of which a ballot allows MAX_ATTEMPTS wrong tries (then only the link
confirms it), on top of the per-address rate limit `budget-ballot-link`. Stored as a keyed
hash bound to the ballot's link key; expires with the link; works once (a replay is refused
like the link's).
"""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_ATTEMPTS = 5


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize(text: str) -> str:
    """What a person may type: lower case, spaces or dashes anywhere."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[: LENGTH * 2]


def code_hash(key_hash: str, code: str) -> str:
    return salted_hmac("voting.confirmation_code", f"{key_hash}:{normalize(code)}").hexdigest()


def matches(ballot, typed: str) -> bool:
    if not ballot.confirmation_code_hash:
        return False
    return constant_time_compare(
        ballot.confirmation_code_hash, code_hash(ballot.confirmation_key_hash, typed)
    )

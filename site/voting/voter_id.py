"""The only form in which a PESEL is kept: HMAC-SHA256 keyed with VOTER_ID_HASH_KEY.

The key comes from the environment and never from the database, so a copy of the
database alone cannot be searched for a known PESEL (a plain hash of 11 digits can be
reversed by trying them all). Staff import the register of eligible voters as hashes
made with the same key (or PESELs, hashed on import and never stored).
"""

import hashlib
import hmac

from django.conf import settings


def voter_hash(pesel_number: str) -> str:
    key = settings.VOTER_ID_HASH_KEY.encode()
    return hmac.new(key, pesel_number.encode(), hashlib.sha256).hexdigest()

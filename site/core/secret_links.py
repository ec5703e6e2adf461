"""Links that carry a secret (a confirmation, a voter's or an applicant's private page,
an alert's management page, a certificate check): the key, what is stored of it, and the
answer to the page it opens.

The key is random (256 bits); only its SHA-256 digest is stored, so the database alone
opens nothing. A fast digest is enough: the key is not a password a person chose. (One
exception: an alert subscriber's key, which every later alert e-mail must carry.)

The answers: never stored by any cache, never indexed, and the secret in the address
never sent to another site as a Referer.

`strict-origin`: the Referer of every request the page makes (its own stylesheet, a link
followed, a form posted) is the site's origin alone, never the address with the secret in
it, so the key reaches no other site and none of the site's own logs either (`same-origin`
would write it into every access log line of the page's static files). Not `no-referrer`:
under it a browser sends `Origin: null` with the page's own form POST (Fetch, "serializing
a request origin"), which Django's CSRF check refuses with 403, so no button on such a
page would work in a real browser.
"""

import hashlib
import secrets

MAX_KEY_LENGTH = 100  # a longer "key" is refused before it is hashed


def new_key() -> str:
    return secrets.token_urlsafe(32)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class PrivateLinkMixin:
    """For a model with a `private_key_hash` field: its owner's private link."""

    def new_private_key(self) -> str:
        """A fresh key for the private link (the old one stops working); only its digest
        is stored, on the caller's save."""
        key = new_key()
        self.private_key_hash = digest(key)
        return key

    @classmethod
    def by_private_key(cls, key: str):
        if not key or len(key) > MAX_KEY_LENGTH:
            return None
        return cls.objects.filter(private_key_hash=digest(key)).first()


def secret_link_response(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex"
    return response

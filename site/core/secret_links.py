"""Answers to pages opened by a link that carries a secret (a confirmation, a voter's or
an applicant's private page, an alert's management page, a certificate check).

One rule for all of them: never stored by any cache, never indexed, and the secret in the
address never sent to another site as a Referer.

`same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with
the page's own form POST (Fetch, "serializing a request origin"), which Django's CSRF check
refuses with 403, so no button on such a page would work in a real browser. `same-origin`
still keeps the address from every other site.
"""


def secret_link_response(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response

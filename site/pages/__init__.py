"""Every page type of the portal, one Django app per subject area.

Each subpackage keeps the app label it had before the move (so no data migration):
`department` (label `pages`: home, department, teams, contact, standard pages, the seed),
`consultations`, `cao`, `registry` (the public pages of the NGO registry, grant calls and
small-grant offers). A subject's records edited as snippets (people, districts, NGOs,
grant calls, offers) live in `snippets/`; shared mechanisms in `core/`.

One page type lives elsewhere on purpose: `accounts.SectionPage` (the intranet and the NGO
partners' zone) belongs to the `accounts` app; moving a model to another app label needs a
data migration (its table, content type and permissions), which this layout avoids.
"""

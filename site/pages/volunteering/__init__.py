"""Volunteering: NGOs' offers, residents' answers, agreements, certificates, hours.

Offers are snippets with the approval workflow (an NGO partner proposes one in the NGO
zone, an approver publishes it); the public list and each offer's page are routes of
`VolunteeringIndexPage`; answers are `core.public_forms` submissions read and decided by
the offering organisation's partners only (`ngo_views.py`). docs/volunteering.md.
"""

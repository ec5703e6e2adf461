"""The Civic Activity Centre (app label `cao`): advisory services, guides and events,
with bookings and event registrations.

Advisors are people, snippets in `snippets/`.
"""

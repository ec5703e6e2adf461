"""Consultations and announcements (app label `consultations`): their pages, comment
form, responses, feeds and API.

Districts a consultation concerns are snippets, in `snippets/`.
"""

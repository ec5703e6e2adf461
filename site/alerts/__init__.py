"""E-mail alerts without an account (docs/alerts.md).

A mechanism, like `search`: it imports no app of the portal. Apps say what can be
followed, and when it sets off a message, from their own `<app>/alert_sources.py`, found
at start-up (alerts.apps); the sign-up goes through core.public_forms, delivery through
the task worker.
"""

"""Voting in a civic or osiedle budget edition (issue 16): ballots without an account,
confirmed by e-mail, counted per pool, results published by an editor.

Builds on `pages.budget` (editions, pools, projects); the budget app never imports this
one (its edition page only includes a template of ours). See docs/voting.md.
"""

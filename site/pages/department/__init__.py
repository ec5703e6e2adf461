"""The department's own pages (app label `pages`): home, department, teams, contact,
standard pages, the accessibility statement, and the seed that builds them.

The people and districts these pages show are snippets, in `snippets/`.
"""

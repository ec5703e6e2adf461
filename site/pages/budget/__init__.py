"""The civic budget (budżet obywatelski, art. 5a of the act on municipal self-government)
and the osiedle budgets (budżet partycypacyjny): editions with their phases, pools,
residents' projects with their verification, appeals and public history.

Osiedla are `snippets.District` records marked as auxiliary units (`is_osiedle`).
See docs/budget.md.
"""

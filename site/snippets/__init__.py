"""Records edited as snippets, and what works on them without a page (app label `snippets`).

People, districts, areas of public benefit, the NGO registry, grant calls and small-grant
offers; their state and clock, admin screens, the CSV import (`ngo_import`), open data and
the art. 13 statistics. The pages that show them are in `pages/` (the registry's in
`pages/registry/`, people on `pages/department/` and `pages/cao/`).
"""

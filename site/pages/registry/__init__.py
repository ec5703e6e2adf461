"""The public side of the NGO registry (app label `registry`): the directory, the grant
calls' and small-grant offers' pages, comments on offers, their feeds, API and search.

The other half is in `snippets/`: the records themselves (NGO, GrantCall, SmallGrantOffer,
PublicBenefitArea), their state and clock, admin screens, the CSV import, open data and
the art. 13 statistics.
"""

"""Local initiatives (inicjatywa lokalna, art. 19b–19h of the act on public benefit
activity and volunteering): the rules of each year set by the council's resolution
(art. 19c), residents' applications sent without an account, their formal check and
scoring by the team, the decision, the agreement's values and the public register.

See docs/initiatives.md.
"""

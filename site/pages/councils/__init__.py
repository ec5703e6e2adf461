"""Councils and osiedla: the advisory and representative bodies the department serves
(the Public Benefit Council, the NGO Forum, the Seniors' and Youth Councils, the osiedle
councils) with their terms, members, recruitment, resolutions and opinion requests, and
a page for each osiedle (an osiedle `snippets.District`) with what concerns it.

Sittings are the CAO's events (`pages.cao`, `EventPage` with its sitting fields): an
event linked to a council is that council's sitting.
"""

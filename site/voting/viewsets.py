"""Editors set the rules of a vote: per edition and per pool (voting.models.rules)."""

from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from voting.models import EditionVoting, PoolVoting


class EditionVotingViewSet(ModelViewSet):
    model = EditionVoting
    icon = "date"
    menu_label = "Zasady edycji"
    name = "voting_rules"
    list_display = ["edition", "min_age", "duplicate_rule", "results_published_at"]
    form_fields = ["edition", "min_age", "confirmation_hours", "duplicate_rule"]
    copy_view_enabled = False


class PoolVotingViewSet(ModelViewSet):
    model = PoolVoting
    icon = "list-ol"
    menu_label = "Sposób głosowania w pulach"
    name = "voting_pools"
    list_display = ["pool", "method", "points", "max_choices"]
    form_fields = ["pool", "method", "points", "max_choices"]
    copy_view_enabled = False


class VotingRulesViewSetGroup(ModelViewSetGroup):
    menu_label = "Zasady głosowania"
    menu_icon = "date"
    menu_order = 262
    items = (EditionVotingViewSet, PoolVotingViewSet)

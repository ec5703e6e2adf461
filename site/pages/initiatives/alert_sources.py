"""The local initiative's calls in the e-mail alerts (alerts/, found at start-up): a
year's rules when published, when a window opens (a round, or the rolling call) and three
days before it closes. Applications are not followable: residents read the register."""

from datetime import timedelta

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from alerts.registry import CLOSING, OPENED, PUBLISHED, AlertItem, AlertSource, register
from pages.initiatives.models import ApplicationWindow, InitiativeRulesPage

CLOSING_DAYS = 3


def _local(moment) -> str:
    return format_date(timezone.localtime(moment), "j E Y, H:i")


@register
class InitiativeRulesAlerts(AlertSource):
    kind = "initiative_rules"
    label = "Inicjatywa lokalna – nabory wniosków"
    model = "initiatives.InitiativeRulesPage"
    order = 45
    moments = {
        PUBLISHED: "Zasady inicjatywy lokalnej na nowy rok",
        OPENED: "Rozpoczął się nabór wniosków o inicjatywę lokalną",
        CLOSING: "Ostatnie dni naboru wniosków o inicjatywę lokalną",
    }

    def describe(self, rules):
        if not rules.live or InitiativeRulesPage.objects.public().filter(pk=rules.pk).count() == 0:
            return None
        url = rules.get_url()
        if not url:
            return None
        windows = "; ".join(
            f"od {_local(w.opens_at)} do {_local(w.closes_at)}" for w in rules.windows.all()
        )
        return AlertItem(
            title=rules.title,
            url=url,
            summary=rules.summary or rules.resolution,
            dates=f"Wnioski: {windows}" if windows else "",
            audiences=("residents",),
        )

    def due(self, since, now):
        live = ApplicationWindow.objects.filter(rules__live=True).select_related("rules")
        for window in live.filter(opens_at__gt=since, opens_at__lte=now):
            yield window.rules, OPENED
        closing = live.filter(
            closes_at__gt=max(since + timedelta(days=CLOSING_DAYS), now),
            closes_at__lte=now + timedelta(days=CLOSING_DAYS),
        )
        for window in closing:
            yield window.rules, CLOSING

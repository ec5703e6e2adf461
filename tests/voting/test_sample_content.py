"""The sample content's open vote: loaded twice without duplicates, in its voting phase,
its ballot page showing a form (the browser suite votes on it)."""

import pytest

from pages.budget.models import BudgetEditionPage, BudgetProject, Status
from pages.budget.phases import EDITION
from voting import sample_content
from voting.models import EditionVoting, PoolVoting

pytestmark = pytest.mark.django_db


def test_an_open_vote_in_the_sample_content(client, home_page):
    sample_content.load()
    sample_content.load()
    edition = BudgetEditionPage.objects.get(slug=sample_content.SLUG)
    assert edition.is_sample and edition.live
    assert edition.get_phase() == EDITION.VOTING
    assert EditionVoting.objects.filter(edition=edition).count() == 1
    assert PoolVoting.objects.filter(pool__edition=edition).count() == edition.pools.count()
    on_ballot = BudgetProject.objects.filter(edition=edition, status=Status.ON_BALLOT)
    assert on_ballot.count() == 3 + 2 * (edition.pools.count() - 1)
    osiedle = edition.pools.exclude(district=None).first()
    page = client.get(f"/budzet/glosowanie/{edition.pk}/?pula={osiedle.slug}")
    assert page.status_code == 200 and page.context["form"] is not None

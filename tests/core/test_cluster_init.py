"""A clustered model read from a row is built without modelcluster's pass over its fields
(core.cluster_init), and is the same instance modelcluster's own constructor makes."""

from decimal import Decimal

from modelcluster.models import ClusterableModel

import pytest

from core import cluster_init
from snippets.models import GrantAward, GrantCall
from tests.factories.pages import StandardPageFactory
from tests.factories.registry import GrantCallFactory, NGOFactory

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {name: value for name, value in instance.__dict__.items() if name != "_state"}


def test_installed():
    # Fails after an upgrade of django-modelcluster changed its constructor (install()
    # then leaves it alone): read the new one, and update cluster_init or drop it.
    assert ClusterableModel.__init__ is cluster_init._init


@pytest.mark.parametrize("make", [StandardPageFactory, GrantCallFactory])
def test_a_row_read_is_the_instance_modelclusters_constructor_makes(make, monkeypatch):
    saved = make()
    model = type(saved)
    ours = model.objects.get(pk=saved.pk)
    monkeypatch.setattr(ClusterableModel, "__init__", cluster_init._modelcluster_init)
    theirs = model.objects.get(pk=saved.pk)
    assert _fields(ours) == _fields(theirs)
    assert ours.title == saved.title


def test_a_row_read_skips_the_pass_over_the_fields(monkeypatch):
    saved = StandardPageFactory()
    passes = []
    monkeypatch.setattr(
        "modelcluster.models.get_all_child_relations", lambda model: passes.append(model) or []
    )
    type(saved).objects.get(pk=saved.pk)
    assert passes == []


def test_child_objects_by_keyword_are_still_modelclusters():
    ngo = NGOFactory()
    award = GrantAward(ngo=ngo, task_title="Zadanie", amount=Decimal("100.00"))
    call = GrantCall(title="Konkurs z dotacją", awards=[award])
    assert list(call.awards.all()) == [award]
    assert award.call is call

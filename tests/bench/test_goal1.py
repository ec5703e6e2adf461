"""bench/_goal1.py: the pairs of goal 1, how each side's page is found, and what a measured
pair may be read as (a pair is void only when the portal's side failed)."""

import io

from django.apps import apps
from django.core.management import call_command

import pytest

from bench._goal1 import (
    CLOSED_CONSULTATION,
    PAIRS,
    Locator,
    first_page,
    first_record,
    item_path,
    judge,
    locate,
    route,
)
from bench._wrk import Errors, Result

# Issue 17, goal 1: "home, department, a team, the consultations list, a consultation, the
# NGO directory and a record, the calls list and a call, CAO, events".
GOAL_KINDS = [
    "strona główna",
    "wydział",
    "zespół",
    "lista konsultacji",
    "konsultacja (zamknięta)",
    "katalog organizacji",
    "organizacja",
    "konkursy",
    "konkurs",
    "CAO",
    "wydarzenia",
]


def test_every_kind_goal_1_names_is_paired_once_with_a_reason():
    kinds = [pair.label.split(" / ")[0] for pair in PAIRS]
    assert kinds == GOAL_KINDS
    for pair in PAIRS:
        assert len(pair.why) > 20, pair.label
        # Pages are found by type or record, not by a sample's slug; the one route is home.
        for locator in (pair.portal, pair.bakery):
            assert locator.listing.startswith("/api/v2/") or locator.path == "/"


def run(rate: float, **errors: int) -> Result:
    return Result(rate, 100.0, 400.0, Errors(**errors))


def test_the_better_run_of_each_side_is_compared():
    verdict = judge([run(90.0), run(120.0)], [run(30.0), run(20.0)])
    assert verdict.ratio == 4.0
    assert (verdict.portal.requests_per_second, verdict.bakery.requests_per_second) == (120, 30)
    assert verdict.valid and not verdict.lower_bound
    assert verdict.met is False
    assert verdict.note() == ""
    assert judge([run(150.0)], [run(30.0)]).met is True


def test_errors_of_the_portal_void_the_pair_whatever_the_ratio():
    verdict = judge([run(300.0, timeout=3), run(200.0)], [run(20.0, non_2xx=1)])
    assert verdict.portal_errors == Errors(timeout=3)
    assert not verdict.valid
    assert verdict.met is None
    assert verdict.note() == "nieważne – błędy portalu: timeout 3; bakerydemo: kod ≠ 2xx/3xx 1"


def test_errors_of_bakerydemo_alone_make_the_ratio_a_lower_bound():
    below = judge([run(100.0), run(90.0)], [run(25.0, timeout=4), run(10.0, read=1)])
    assert below.valid and below.lower_bound
    assert below.bakery_errors == Errors(timeout=4, read=1)
    assert below.ratio == 4.0
    # Under 5× as a lower bound: the true ratio may be above the goal or not.
    assert below.met is None
    assert below.note().startswith("dolna granica – błędy tylko po stronie bakerydemo: ")
    above = judge([run(100.0)], [run(10.0, timeout=4)])
    assert above.lower_bound and above.met is True


def test_a_side_that_answered_nothing_has_no_figure():
    # wrk counts requests still running at the end as neither done nor failed.
    silent_bakery = judge([run(50.0)], [run(0.0), run(0.0)])
    assert silent_bakery.valid and silent_bakery.met is None
    assert silent_bakery.note().startswith("bakerydemo nie odpowiedział")
    silent_portal = judge([run(0.0)], [run(10.0)])
    assert not silent_portal.valid and silent_portal.met is None
    assert silent_portal.note() == "nieważne – portal nie odpowiedział w czasie przebiegu"


def test_item_paths_come_from_the_page_url_of_a_record_or_the_html_url_of_a_page():
    assert item_path({"page_url": "http://localhost/organizacje/fundacja-x/"}) == (
        "/organizacje/fundacja-x/"
    )
    assert item_path({"meta": {"html_url": "http://127.0.0.1:8000/blog/wild-yeast/"}}) == (
        "/blog/wild-yeast/"
    )
    assert item_path({"meta": {"html_url": "http://localhost/"}}) == "/"
    assert item_path({"page_url": None}) is None


def test_locate_takes_the_first_item_whose_field_is_accepted():
    answers = {
        CLOSED_CONSULTATION.listing: {
            "items": [
                {"state": "open", "meta": {"html_url": "http://h/konsultacje/otwarta/"}},
                {"state": "closed", "meta": {"html_url": None}},
                {"state": "concluded", "meta": {"html_url": "http://h/konsultacje/po/"}},
            ]
        }
    }
    assert locate(CLOSED_CONSULTATION, answers.get) == "/konsultacje/po/"
    assert locate(first_page("pages.TeamPage"), answers.get) is None  # not 200: no answer
    assert locate(route("/szukaj/?q=x"), answers.get) == "/szukaj/?q=x"
    assert locate(Locator(listing="/api/v2/x/"), {"/api/v2/x/": {"items": []}}.get) is None


@pytest.fixture
def sample_site(home_page):
    call_command("load_seed", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    return home_page


def test_every_portal_page_of_goal_1_is_found_on_the_sample_content_and_answers(
    sample_site, client
):
    def get_json(path):
        answer = client.get(path)
        return answer.json() if answer.status_code == 200 else None

    for pair in PAIRS:
        path = locate(pair.portal, get_json)
        assert path, pair.label
        answer = client.get(path)
        assert answer.status_code == 200, (pair.label, path)
        if pair.portal.listing.startswith("/api/v2/pages/"):
            page_type = pair.portal.listing.split("type=")[1].split("&")[0]
            assert type(answer.context["page"]) is apps.get_model(page_type), pair.label
    ngo = locate(first_record("ngos"), get_json)
    directory = locate(first_page("registry.NGODirectoryPage"), get_json)
    assert ngo.startswith(directory) and ngo != directory
    call = locate(first_record("grant-calls"), get_json)
    calls = locate(first_page("registry.GrantCallIndexPage"), get_json)
    assert call.startswith(calls) and call != calls
    closed = client.get(locate(CLOSED_CONSULTATION, get_json)).context["page"]
    assert closed.state not in ("open", "cancelled")

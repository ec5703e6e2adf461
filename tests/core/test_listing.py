"""core.listing: filters as links, pages, the parameters a list reads, old names redirected."""

from pathlib import Path

from django.core.paginator import Paginator
from django.db import models
from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from core.listing import (
    LAST_PAGE,
    PAGE_PARAM,
    ChoiceFilter,
    Listing,
    Renamed,
    page_number,
    paginate,
    redirect_renamed,
)

ROOT = Path(__file__).resolve().parents[2]


class Colour(models.TextChoices):
    RED = "czerwony", "Czerwony"
    GREEN = "zielony", "Zielony"


COLOUR = ChoiceFilter.of("kolor", "Kolor", Colour)
SIZE = ChoiceFilter.of("rozmiar", "Rozmiar", [("s", "mały"), ("l", "duży")])


def listing(query: str = "", **kwargs) -> Listing:
    return Listing(RequestFactory().get("/lista/" + query), [COLOUR, SIZE], **kwargs)


def test_only_offered_values_are_read():
    assert listing("?kolor=zielony&rozmiar=xl").selected == {"kolor": "zielony"}
    assert listing("?kolor=%00&rozmiar=<b>").selected == {}
    assert not listing("?inne=1").is_filtered


def test_a_list_reads_an_explicit_set_of_parameters():
    assert listing().params == ("kolor", "rozmiar", PAGE_PARAM)
    assert listing(search=True).params == ("kolor", "rozmiar", "q", PAGE_PARAM)


def test_links_keep_the_other_choices_in_one_order_and_drop_the_page():
    current = listing("?rozmiar=l&strona=3&utm=x&kolor=czerwony")
    assert current.url() == "/lista/?kolor=czerwony&rozmiar=l"
    assert current.url(kolor=None) == "/lista/?rozmiar=l"
    assert current.page_url(1) == "/lista/?kolor=czerwony&rozmiar=l"
    assert current.page_url(2) == "/lista/?kolor=czerwony&rozmiar=l&strona=2"
    assert listing().url() == "/lista/"


def test_search_text_is_cleaned_and_kept():
    current = listing("?q=%00%20ala%20%20ma%01&kolor=zielony", search=True)
    assert current.query == "ala ma"
    assert current.url() == "/lista/?kolor=zielony&q=ala+ma"
    assert listing("?q=" + "x" * 500, search=True).query == "x" * 100


def test_groups_mark_the_current_choice_and_hide_empty_counted_values():
    groups = listing("?kolor=zielony").groups({"kolor": {"czerwony": 2, "zielony": 1}})
    colour, size = groups
    assert [(o.label, o.count, o.current) for o in colour.options] == [
        ("Wszystkie", None, False),
        ("Czerwony", 2, False),
        ("Zielony", 1, True),
    ]
    assert colour.current_label == "Zielony"
    assert [o.url for o in size.options] == [
        "/lista/?kolor=zielony",
        "/lista/?kolor=zielony&rozmiar=s",
        "/lista/?kolor=zielony&rozmiar=l",
    ]
    # A counted filter with one value to offer is no choice: left out.
    assert [g.param for g in listing().groups({"kolor": {"czerwony": 4}})] == ["rozmiar"]


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        ("0", 1),
        ("-1", 1),
        ("abc", 1),
        ("1e5", 1),
        ("²", 1),
        ("9" * 5000, LAST_PAGE),
    ],
)
def test_page_numbers(raw, number):
    assert page_number(raw) == number


def test_pagination_uses_djangos_elided_range_and_the_last_page_past_the_end():
    pagination = listing("?strona=999999999999999999999").paginate(list(range(200)), 10)
    assert pagination.page.number == 20
    numbers = [link.number for link in pagination.links]
    assert numbers == [1, None, 18, 19, 20]
    assert pagination.next_url == "" and pagination.previous_url.endswith("strona=19")
    middle = paginate(Paginator(range(200), 10).page(10), lambda n: f"?strona={n}")
    assert [link.number for link in middle.links] == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_the_include_is_a_labelled_nav_with_the_current_page():
    pagination = listing("?strona=2").paginate(list(range(30)), 10)
    html = render_to_string(
        "includes/pagination.html", {"pagination": pagination, "label": "Strony listy"}
    )
    assert '<nav class="pagination" aria-label="Strony listy">' in html
    assert '<span aria-current="page">' in html
    assert '<a href="/lista/" rel="prev">' in html
    assert '<a href="/lista/?strona=3" rel="next">' in html
    one_page = listing().paginate([1, 2], 10)
    assert render_to_string("includes/pagination.html", {"pagination": one_page}).strip() == ""


def test_old_names_redirect_permanently_to_the_canonical_address():
    renamed = (Renamed("color", "kolor", {"red": "czerwony"}), Renamed("page", PAGE_PARAM))
    params = ("kolor", "rozmiar", PAGE_PARAM)
    factory = RequestFactory()
    response = redirect_renamed(factory.get("/lista/?page=2&color=red&x=1"), renamed, params)
    assert response.status_code == 301
    assert response["Location"] == "/lista/?kolor=czerwony&strona=2"
    assert redirect_renamed(factory.get("/lista/?kolor=zielony"), renamed, params) is None
    assert redirect_renamed(factory.post("/lista/?page=2"), renamed, params) is None
    # A path that a browser would read as another host stays on this one.
    request = factory.get("/lista/?page=2")
    request.path = "//evil.example/lista/"
    assert redirect_renamed(request, renamed, params)["Location"] == "/evil.example/lista/?strona=2"


def test_every_list_uses_the_one_pagination_include():
    templates = ROOT / "templates"
    own_navs = [
        path.relative_to(templates).as_posix()
        for path in templates.rglob("*.html")
        if 'class="pagination"' in path.read_text(encoding="utf-8")
    ]
    assert own_navs == ["includes/pagination.html"]
    pagers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "site").rglob("*.py")
        if "Paginator(" in path.read_text(encoding="utf-8")
    ]
    assert pagers == ["site/core/listing.py"]

"""Bar charts drawn on the server: geometry, percentages of those who answered, Polish text."""

from django.template.loader import render_to_string

from core.charts import BAR_SPACE, LABEL_CHARS, bar_chart


def test_bars_are_scaled_to_the_largest_and_percent_of_those_who_answered():
    chart = bar_chart("w1", "Do czego?", [("Praca", 3), ("Szkoła", 0), ("Rekreacja", 6)], 6)
    assert [bar.width for bar in chart.bars] == [BAR_SPACE // 2, 0, BAR_SPACE]
    assert [bar.percent for bar in chart.bars] == [50, 0, 100]
    assert chart.total_text == "6 osób odpowiedziało"
    assert chart.bars[1].y > chart.bars[0].y and chart.height >= chart.bars[2].bar_y
    assert chart.description.startswith("6 osób odpowiedziało. Praca: 3 (50%)")


def test_nothing_answered_draws_empty_bars_without_dividing_by_zero():
    chart = bar_chart("w2", "Pytanie", [("Tak", 0), ("Nie", 0)], 0)
    assert [(bar.width, bar.percent) for bar in chart.bars] == [(0, 0), (0, 0)]
    assert bar_chart("w3", "P", [("A", 1)], 1).total_text == "1 osoba odpowiedziała"


def test_the_drawing_names_itself_and_the_table_holds_the_numbers():
    long_label = "Wariant " + "bardzo długi " * 10
    chart = bar_chart("w4", "Wariant <b>", [(long_label, 2), ("B", 1)], 3)
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    assert 'role="img" aria-labelledby="w4-title w4-desc"' in html
    assert '<title id="w4-title">Wykres: Wariant &lt;b&gt;</title>' in html
    assert f'<th scope="row">{long_label}</th><td>2</td><td>67%</td>' in html
    assert chart.bars[0].short_label.endswith("…") and len(chart.bars[0].short_label) == LABEL_CHARS
    assert "style=" not in html and "<script" not in html

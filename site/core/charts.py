"""Bar charts drawn on the server as SVG, for any app that shows counts (the answers to a
consultation's closed questions, a vote's results).

No script and no style attribute (the Content Security Policy forbids both): geometry is
computed here and `templates/includes/bar_chart.html` writes it as SVG attributes, with
the numbers as text beside each bar (no information by colour or length alone), a title
and a description for assistive technology, and the same data as a table under the chart.
"""

from dataclasses import dataclass

from core.text import pluralize_pl

WIDTH = 640
LABEL_HEIGHT = 20  # the label line above each bar
BAR_HEIGHT = 22
GAP = 14
BAR_SPACE = 470  # the longest bar; the rest of the width holds its number
LABEL_CHARS = 80  # longer labels are cut in the drawing (the table holds them whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int  # of the chart's total, rounded
    y: int  # the top of the bar's label line
    width: int

    @property
    def short_label(self) -> str:
        if len(self.label) <= LABEL_CHARS:
            return self.label
        return self.label[: LABEL_CHARS - 1] + "…"

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 6

    @property
    def value_x(self) -> int:
        return self.width + 8


@dataclass(frozen=True)
class BarChart:
    id: str  # unique on the page: the SVG's title and description are named after it
    title: str
    bars: list[Bar]
    total: int  # what the percentages are of (people who answered, not answers given)
    total_text: str  # "12 osób odpowiedziało"

    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (LABEL_HEIGHT + BAR_HEIGHT + GAP)

    @property
    def description(self) -> str:
        parts = [f"{bar.label}: {bar.value} ({bar.percent}%)" for bar in self.bars]
        return f"{self.total_text}. " + "; ".join(parts) + "."


def bar_chart(chart_id: str, title: str, counts: list[tuple[str, int]], total: int) -> BarChart:
    """A horizontal bar chart of COUNTS ((label, count) in the order to show), with
    percentages of TOTAL (those who answered: in a multiple choice they add up to more
    than 100)."""
    largest = max((count for _label, count in counts), default=0)
    bars = []
    for n, (label, count) in enumerate(counts):
        width = round(BAR_SPACE * count / largest) if largest else 0
        bars.append(
            Bar(
                label=label,
                value=count,
                percent=round(100 * count / total) if total else 0,
                y=n * (LABEL_HEIGHT + BAR_HEIGHT + GAP),
                width=max(width, 2 if count else 0),
            )
        )
    answered = pluralize_pl(
        total, "osoba odpowiedziała", "osoby odpowiedziały", "osób odpowiedziało"
    )
    return BarChart(id=chart_id, title=title, bars=bars, total=total, total_text=answered)

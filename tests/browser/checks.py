"""Checks run inside a browser tab: axe-core, reflow, resized text, visible focus."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0/2.1 A and AA, and axe's best practices (unique landmarks, one main, headings
# in order), which the portal keeps too.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
_AXE = Axe()


def axe_violations(tab) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations and best-practice findings on the tab's
    page, one line per node."""
    results = _AXE.run(
        tab,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(
                f"{violation['id']} ({violation['impact']}) at {target}: {violation['help']}"
            )
    return lines


_DESCRIBE_JS = """
const HIDDEN = '.visually-hidden, .hp-field, .skip-link';
const describe = (el) => {
  const classes = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}`;
};
"""

HORIZONTAL_OVERFLOW_JS = (
    "() => {"
    + _DESCRIBE_JS
    + """
  const root = document.documentElement;
  const overflowing = [];
  if (root.scrollWidth > root.clientWidth + 1) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > root.clientWidth + 1 && box.width > 0 && !el.closest(HIDDEN)) {
        overflowing.push(`${describe(el)} right=${Math.round(box.right)}`);
      }
    }
  }
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    overflowing: overflowing.slice(0, 10),
  };
}
"""
)

CLIPPED_TEXT_JS = (
    "() => {"
    + _DESCRIBE_JS
    + """
  const clipped = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(HIDDEN)) continue;
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip'];
    const clipsX = hides.includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const clipsY = hides.includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if ((clipsX || clipsY) && el.textContent.trim()) {
      clipped.push(`${describe(el)} "${el.textContent.trim().slice(0, 40)}"`);
    }
  }
  return clipped.slice(0, 10);
}
"""
)

FOCUS_STYLE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute('name'),
    text: (el.innerText || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
  };
}
"""


def horizontal_overflow(tab) -> dict:
    return tab.evaluate(HORIZONTAL_OVERFLOW_JS)


def clipped_text(tab) -> list[str]:
    return tab.evaluate(CLIPPED_TEXT_JS)


def focused(tab) -> dict | None:
    """What has the keyboard focus and whether its focus indicator shows."""
    return tab.evaluate(FOCUS_STYLE_JS)


def tab_to(tab, predicate, limit: int = 80) -> list[dict]:
    """Press Tab until PREDICATE(focused) holds; return every element focused on the way."""
    seen = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        state = focused(tab)
        if state is None:
            continue
        seen.append(state)
        if predicate(state):
            return seen
    raise AssertionError(f"Tab never reached the element; focused on the way: {seen[-10:]}")


def assert_focus_visible(states: list[dict]) -> None:
    invisible = [s for s in states if not (s["visible"] and (s["outline"] or s["shadow"]))]
    assert not invisible, f"Focus indicator missing on: {invisible}"

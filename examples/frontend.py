"""An example front end built from the portal's API alone (no database, no templates).

    python examples/frontend.py https://portal.example.pl out/

writes out/index.html (the menu and the open consultations, as on the home page) and
out/konsultacja-<id>.html for the first open consultation (breadcrumbs, state, dates and
its body with rich text as HTML). Only the Python standard library; every request is a
public GET under /api/v2/, starting from the index at /api/v2/.
"""

import json
import sys
import urllib.request
from html import escape
from pathlib import Path
from urllib.parse import urlencode


class Portal:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        index = self.get("/api/v2/")
        self.endpoints = {entry["name"]: entry["name"] for entry in index["endpoints"]}

    def get(self, path: str, **params) -> dict:
        url = self.base_url + path + ("?" + urlencode(params) if params else "")
        with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 (our own base URL)
            return json.load(answer)

    def endpoint(self, name: str, suffix: str = "", **params) -> dict:
        return self.get(f"/api/v2/{self.endpoints[name]}/{suffix}", **params)


def layout(title: str, portal: Portal, main: str) -> str:
    menu = "".join(
        f'<li><a href="{escape(item["url"])}">{escape(item["title"])}</a></li>'
        for item in portal.endpoint("navigation")["items"]
    )
    contact = portal.endpoint("contact")
    return (
        '<!doctype html>\n<html lang="pl"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f'<nav aria-label="Menu główne"><ul>{menu}</ul></nav>'
        f"<main>{main}</main>"
        f"<footer>{escape(contact['department_name'])}, {escape(contact['address_line'])}</footer>"
        "</body></html>\n"
    )


def home(portal: Portal) -> tuple[str, list[dict]]:
    open_now = portal.endpoint("consultations", state="open", limit=20)["items"]
    items = "".join(
        f'<li><a href="konsultacja-{c["id"]}.html">{escape(c["title"])}</a> '
        f"(do {escape(c['closes_at'][:10])})</li>"
        for c in open_now
    )
    main = "<h1>Otwarte konsultacje</h1>" + (f"<ul>{items}</ul>" if items else "<p>Brak.</p>")
    return layout("Otwarte konsultacje", portal, main), open_now


def consultation(portal: Portal, page_id: int) -> str:
    page = portal.endpoint("pages", f"{page_id}/", rich_text_format="html")
    trail = portal.endpoint("breadcrumbs", id=page_id)["items"]
    crumbs = " › ".join(escape(item["title"]) for item in trail)
    blocks = []
    for block in page.get("body") or []:
        value = block["value"]
        if block["type"] == "paragraph":
            blocks.append(f'<div class="rich-text">{value}</div>')  # HTML the API rendered
        elif block["type"] == "heading":
            level = value["level"] if value["level"] in ("h2", "h3", "h4") else "h2"
            blocks.append(f"<{level}>{escape(value['text'])}</{level}>")
    main = (
        f'<nav aria-label="Ścieżka nawigacji">{crumbs}</nav>'
        f"<h1>{escape(page['title'])}</h1>"
        f"<p>Stan: {escape(page['state_label'])}; od {escape(page['opens_at'][:10])} "
        f"do {escape(page['closes_at'][:10])}</p>" + "".join(blocks)
    )
    return layout(page["title"], portal, main)


def main(base_url: str, out: str) -> None:
    portal = Portal(base_url)
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    index_html, open_now = home(portal)
    (directory / "index.html").write_text(index_html, encoding="utf-8")
    if open_now:
        page_id = open_now[0]["id"]
        html = consultation(portal, page_id)
        (directory / f"konsultacja-{page_id}.html").write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "out")

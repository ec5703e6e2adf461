"""Template tags of the public site: navigation, breadcrumbs, schema.org, Polish text."""

import json

from django import template
from django.apps import apps
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page

from core import deadlines, public_forms, text
from core.forms import HONEYPOT_FIELD, PublicSubmissionForm
from core.privacy import PRIVACY_PAGE_URL
from core.request_memo import is_private_path, page_ancestors, readable_by
from core.site_structure import menu_sections, site_root

register = template.Library()


@register.simple_tag(takes_context=True)
def listed_subpages(context, page) -> list:
    """PAGE's live subpages to list under it, in tree order: none, without a query, when it
    has none; on a public page the public ones (its body is one render shared by every
    reader), on a private page those its reader may read (a private page lists its
    private subpages; `.public()` would list none of them)."""
    if not page.numchild:
        return []
    children = page.get_children().live().order_by("path")
    request = context.get("request")
    if request is None or not is_private_path(page.path):
        return list(children.public())
    return readable_by(request, list(children))


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    """The main menu with the item of the section the page lies in marked (aria-current:
    "page" on the section itself, "true" below it, or the home item on the home page).

    The menu is a site-wide shared fragment (includes/navigation.html) that must not read
    the page: it is named after what marks it (the site root's child the page lies under,
    and how), worked out here from the page's tree path alone, so a page whose entry is
    stored neither reads the menu's sections nor renders it."""
    request = context["request"]
    root = site_root(request)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    section_path, state = "", ""
    if root is not None and current_path.startswith(root.path):
        if current_path == root.path:
            state = "home"
        else:
            section_path = current_path[: len(root.path) + Page.steplen]
            state = "page" if current_path == section_path else "true"
            if is_private_path(section_path):
                # Not in the menu (public sections only): marked as no page at all, so
                # the restricted section's pages read the entry public pages store.
                section_path, state = "", ""
    return {
        "request": request,
        "page": current,  # for the fragment's rules (a preview, a restricted page): not read
        "root": root,
        "marked_section": section_path,
        "marked_state": state,
        "fragment_name": f"navigation:{state}:{section_path}",
    }


@register.simple_tag(takes_context=True)
def main_navigation_items(context, marked_section: str, marked_state: str) -> list[dict]:
    """The menu's sections, the one at MARKED_SECTION marked with MARKED_STATE."""
    request = context["request"]
    items = []
    for section in menu_sections(request):
        current = marked_state if section["path"] == marked_section else ""
        items.append({**section, "current": current})
    return items


@register.simple_tag(takes_context=True)
def home_sections(context):
    """The home page's section cards: the menu's sections when the page is the site root."""
    page = context.get("page")
    request = context["request"]
    root = site_root(request)
    if root is not None and isinstance(page, Page) and page.pk == root.pk:
        return menu_sections(request, with_summary=True)
    children = page.get_children().live().public().in_menu().specific() if page else []
    return [
        {"title": c.title, "url": c.get_url(request), "summary": getattr(c, "summary", "")}
        for c in children
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, item_title=""):
    """The trail from the home page to the page. ITEM_TITLE: the title of a route of the
    page (the events' archive): the page is then a link and ITEM_TITLE the current one."""
    page = context.get("page")
    root = site_root(context["request"])
    if not isinstance(page, Page) or root is None or page.depth <= root.depth:
        return {"ancestors": [], "page": None}
    if page.depth == root.depth + 1 and page.path.startswith(root.path):
        ancestors = [root]  # a section: no query needed
    else:
        ancestors = [a for a in page_ancestors(page) if a.depth >= root.depth]
    return {"ancestors": ancestors, "page": page, "item_title": item_title}


@register.simple_tag(takes_context=True)
def json_ld(context, data=None):
    """A <script type="application/ld+json"> with DATA, or the page's own get_json_ld()."""
    if data is None:
        page = context.get("page")
        getter = getattr(page, "get_json_ld", None)
        data = getter(context["request"]) if getter else None
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, indent=None)
    # Escape what could close the script element or start an HTML comment.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


register.filter(text.tel_href)


@register.filter
def plural_pl(count, forms: str) -> str:
    """{{ n|plural_pl:"dzień,dni,dni" }} -> '5 dni'."""
    one, few, many = (form.strip() for form in forms.split(","))
    return text.pluralize_pl(int(count), one, few, many)


@register.filter
def term(end) -> str:
    """{{ call.offers_due_at|term }} -> 'do 25 października włącznie' (a term ending at
    24:00) or 'do 25 października 2026, 15:00' (core.deadlines)."""
    return deadlines.term_text(end, timezone.now()) if end else ""


@register.simple_tag
def form_action(url: str = "") -> str:
    """<form action="{% form_action url %}">: URL with the fragment of the element that
    answers the POST (core.public_forms.RESULT_ID), so the focus lands on it."""
    return public_forms.form_action(url)


@register.simple_tag
def result_id() -> str:
    return public_forms.RESULT_ID


@register.inclusion_tag("includes/privacy_clause.html", takes_context=True)
def privacy_clause(context, model_label: str):
    """The RODO art. 13 clause of the form whose model is MODEL_LABEL ("app.Model")."""
    return {
        "form": apps.get_model(model_label),
        "settings": context.get("settings"),
        "privacy_page_url": PRIVACY_PAGE_URL,
    }


@register.filter
def iso_datetime(value) -> str:
    """VALUE for a <time datetime> attribute: local time, whole seconds, offset with a colon
    ("2026-12-02T08:39:05+01:00"); HTML allows at most three digits of a second."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.filter
def field_anchor(bound_field) -> str:
    """The id an error summary links to and a label points at: the field's own, or for a
    group of radios or checkboxes (which Django gives no label id) its first input's."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    subwidgets = bound_field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else bound_field.auto_id or ""


@register.filter
def summary_errors(form) -> list[dict]:
    """Every error of FORM once, for the summary at its top (includes/form_errors.html), as
    {"anchor", "label", "message"}: first those a person cannot correct in a field (the
    whole form's, a hidden input's such as the one-time token, the honeypot's, which is
    hidden from people and assistive technology), as plain sentences with no anchor; then
    each error of a field a person sees, with the field's label and the id to link to."""
    unanchored, anchored = [], []
    for message in form.non_field_errors():
        unanchored.append(str(message))
    for field in form:
        if not field.errors:
            continue
        if field.is_hidden or (
            isinstance(form, PublicSubmissionForm) and field.name == HONEYPOT_FIELD
        ):
            unanchored.extend(str(message) for message in field.errors)
        else:
            anchor = field_anchor(field)
            anchored.extend(
                {"anchor": anchor, "label": field.label, "message": str(message)}
                for message in field.errors
            )
    seen = dict.fromkeys(unanchored)  # one sentence once, in order
    return [{"anchor": "", "label": "", "message": message} for message in seen] + anchored

"""{% shared_fragment "name" vary="page,q" %}…{% endshared_fragment %}: a part of a page
that every reader sees alike, rendered once and reused by everyone until what the page
depends on changes (core.shared_fragments says when it is and is not shared).
{% shared_fragment "name" scope="site" %}: a part of the layout that is the same on every
page of the site (the footer), one entry per site; it must not read the page.

Put it only around what does not depend on the visitor: never around a form with a CSRF
or form token, "signed in as", edit links, an NGO partner's own data or messages. Name in
`vary` every query parameter the part's content depends on (filters, the page number, a
search query); parameters not named there do not make a new entry.
"""

from django import template
from django.utils.safestring import mark_safe

from core.shared_fragments import PAGE, SCOPES, render_shared, vary_names

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, vary, nodelist, scope=PAGE):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist
        self.scope = scope

    def render(self, context):
        name = str(self.name.resolve(context))
        vary = vary_names(self.vary.resolve(context) if self.vary is not None else "")
        # A site-wide part is keyed by the template it is written in (the footer's), not
        # by the page's template, so every page of the site shares one entry.
        origin = (
            getattr(getattr(self, "origin", None), "name", None) if self.scope != PAGE else None
        )
        html = render_shared(name, vary, context, self.nodelist.render, self.scope, origin)
        # The HTML the body rendered (autoescaped as it was), whether now or from the cache.
        return mark_safe(html)  # noqa: S308


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    usage = (
        '{% shared_fragment "name" [vary="param,param"] %} or '
        '{% shared_fragment "name" scope="site" %}'
    )
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(f"{usage}: a name and an optional vary or scope")
    name = parser.compile_filter(bits[1])
    vary = None
    scope = PAGE
    if len(bits) == 3:
        keyword, _, value = bits[2].partition("=")
        if keyword == "scope" and value.strip("\"'") in SCOPES:
            scope = value.strip("\"'")
        elif keyword == "vary" and value:
            vary = parser.compile_filter(value)
        else:
            # A site-wide part is the same for every query: it has no vary.
            raise template.TemplateSyntaxError(f"shared_fragment: {usage}")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name, vary, nodelist, scope)

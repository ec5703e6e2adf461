"""{% shared_fragment "name" vary="page,q" %}…{% endshared_fragment %}: a part of a page
that every reader sees alike, rendered once and reused by everyone until what the page
depends on changes (core.shared_fragments says when it is and is not shared).

Put it only around what does not depend on the visitor: never around a form with a CSRF
or form token, "signed in as", edit links, an NGO partner's own data or messages. Name in
`vary` every query parameter the part's content depends on (filters, the page number, a
search query); parameters not named there do not make a new entry.
"""

from django import template
from django.utils.safestring import mark_safe

from core.shared_fragments import render_shared, vary_names

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        name = str(self.name.resolve(context))
        vary = vary_names(self.vary.resolve(context) if self.vary is not None else "")
        # The HTML the body rendered (autoescaped as it was), whether now or from the cache.
        return mark_safe(render_shared(name, vary, context, self.nodelist.render))  # noqa: S308


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(
            '{% shared_fragment "name" [vary="param,param"] %} takes a name and an optional vary'
        )
    name = parser.compile_filter(bits[1])
    vary = None
    if len(bits) == 3:
        keyword, _, value = bits[2].partition("=")
        if keyword != "vary" or not value:
            raise template.TemplateSyntaxError('shared_fragment: the second argument is vary="…"')
        vary = parser.compile_filter(value)
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name, vary, nodelist)

from django import template

from .. import access

register = template.Library()


@register.inclusion_tag("site_check/_admin_link.html", takes_context=True)
def site_check_links(context) -> dict:
    """The admin home's entry to 网站自查: one link per organization the user may inspect."""
    return {"organizations": access.inspectable(context["request"].user)}

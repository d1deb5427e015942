from django import template
from django.utils.safestring import mark_safe

from ..sanitize import clean_body

register = template.Library()


@register.filter
def safe_body(html: str) -> str:
    """Bodies are cleaned when saved; cleaning again on display also covers rows written by other means."""
    return mark_safe(clean_body(html))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or '' removes them); keeps filter URLs stable."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"

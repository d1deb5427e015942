from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def marked(parts: list[tuple[str, bool]]) -> str:
    """Highlighted parts as escaped HTML with <mark>: a loop in the template costs more than the page's query."""
    return mark_safe(
        "".join(format_html("<mark>{}</mark>", part) if hit else conditional_escape(part) for part, hit in parts)
    )

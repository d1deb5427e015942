from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


@register.simple_tag
def fast_select(bound_field) -> str:
    """A <select> for a filter field, built in Python: the widget templates cost more than the rest of the page."""
    selected = str(bound_field.value() or "")
    field = bound_field.field
    if hasattr(field, "queryset"):
        # Plain evaluation: iterating field.choices would open a server-side cursor per select on PostgreSQL.
        choices = [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset.all()]
    else:
        choices = [(value, label) for value, label in field.choices if value not in ("", None)]
    choices.insert(0, ("", gettext("全部")))
    # Plain formatting: format_html per option costs more than the query behind the select.
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if str(value) == selected else ""}>{escape(label)}</option>'
        for value, label in choices
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>', bound_field.html_name, bound_field.id_for_label, mark_safe(options)
    )

"""网站自查 pages inside the admin frame: one organization's lines (and those below it), the same as JSON."""

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Organization
from catalog.workdays import current_calendar

from . import access, report


def _organization(request: HttpRequest, pk: int) -> Organization:
    """Another body's self-check is a 404, as for applications."""
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    if not access.can_inspect(request.user, organization):
        raise Http404
    return organization


def organization_page(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    today = timezone.localdate()
    calendar = current_calendar()
    sections = report.inspect_tree(organization, today, calendar)
    context = {
        **admin.site.each_context(request),
        "organization": organization,
        "sections": sections,
        "today": today,
        "calendar_warning": calendar.warning,
        "title": _("网站自查：%(name)s") % {"name": organization.name},
    }
    return render(request, "site_check/organization.html", context)


def organization_json(request: HttpRequest, pk: int) -> JsonResponse:
    organization = _organization(request, pk)
    today = timezone.localdate()
    data = report.as_json(report.inspect_tree(organization, today), today)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

"""The ledger in the admin: upload a file and see every error, or download the ledger."""

import io

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from catalog.models import Organization

from ..forms import LedgerUploadForm
from ..ledger import export_ledger, import_ledger, import_summary
from .staff import require_handler

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def ledger_page(request: HttpRequest) -> HttpResponse:
    require_handler(request)
    organizations = Organization.objects.for_user(request.user).order_by("sort_order", "pk")
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        organization = get_object_or_404(organizations, pk=request.POST.get("organization"))
        upload = form.cleaned_data["file"]
        result = import_ledger(upload.file, upload.name, organization)
        if result.ok:
            messages.success(request, import_summary(result))
            return redirect("admin:applications_application_ledger")
        errors = result.errors
    context = {
        **admin.site.each_context(request),
        "title": _("台账导入导出"),
        "form": form,
        "organizations": organizations,
        "errors": errors,
    }
    return render(request, "admin/applications/ledger.html", context, status=400 if errors or form.errors else 200)


def ledger_export(request: HttpRequest) -> HttpResponse:
    require_handler(request)
    organization = get_object_or_404(Organization.objects.for_user(request.user), pk=request.GET.get("organization"))
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    buffer = io.BytesIO()
    export_ledger(buffer, f"ledger.{fmt}", organization, year)
    filename = f"{organization.name}-台账{'-' + str(year) if year else ''}.{fmt}"
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename)

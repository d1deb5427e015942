"""The citizen's pages: choose an organization, apply, keep the codes, look the application up."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit.decorators import ratelimit

from catalog.models import Organization
from disclosure_portal.uploads import serve_file

from ..deadlines import compute_deadlines
from ..forms import ApplyForm, LookupForm
from ..forms.citizen import timing_token
from ..models import Application, ApplicationEvent
from ..services import check_lookup_code, submit_online
from ..services.mail import send_codes
from ..workdays import calendar

SESSION_CODES = "applications_new_codes"
SESSION_LOOKUPS = "applications_looked_up"
PUBLIC_EVENTS = (
    ApplicationEvent.Kind.SUBMITTED,
    ApplicationEvent.Kind.RECEIVED,
    ApplicationEvent.Kind.CORRECTION_REQUESTED,
    ApplicationEvent.Kind.CORRECTION_RECEIVED,
    ApplicationEvent.Kind.CONSULTATION_SENT,
    ApplicationEvent.Kind.EXTENDED,
    ApplicationEvent.Kind.FEE_NOTIFIED,
    ApplicationEvent.Kind.FEE_PAID,
    ApplicationEvent.Kind.REPLIED,
    ApplicationEvent.Kind.WITHDRAWN,
    ApplicationEvent.Kind.ABANDONED,
)


def _rate(name: str, default: str) -> str:
    return getattr(settings, name, default)


def submit_rate(group, request) -> str:
    return _rate("APPLICATIONS_SUBMIT_RATE", "10/h")


def lookup_rate(group, request) -> str:
    return _rate("APPLICATIONS_LOOKUP_RATE", "20/h")


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/too_many.html", status=429)


def index(request: HttpRequest) -> HttpResponse:
    """The form itself when the portal hosts one organization, else a list to pick from."""
    organizations = list(Organization.objects.order_by("sort_order", "pk"))
    if len(organizations) == 1:
        return _render_form(request, organizations[0], ApplyForm(organization=organizations[0]))
    return render(request, "applications/index.html", {"organizations": organizations})


def _render_form(request, organization, form, status=200, file_lost=False) -> HttpResponse:
    context = {"organization": organization, "form": form, "file_lost": file_lost}
    return render(request, "applications/apply.html", context, status=status)


PERSONAL_FIELDS = ("id_number", "phone", "contact_phone", "credit_code", "address", "email", "postcode")


# Every page that shows a code or what an applicant typed is never stored by a browser or proxy cache.
@never_cache
@sensitive_post_parameters(*PERSONAL_FIELDS)
@ratelimit(key="ip", rate=submit_rate, method="POST", block=False)
def apply(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    if request.method != "POST":
        return _render_form(request, organization, ApplyForm(organization=organization))
    if getattr(request, "limited", False):
        return _too_many(request)
    form = ApplyForm(request.POST, request.FILES, organization=organization)
    if form.is_bot():
        # Say nothing of why: a bot learns nothing, a person in a real hurry simply sends again.
        data = request.POST.copy()
        data["started"], data["website"] = timing_token(), ""
        form = ApplyForm(data, organization=organization)
        form.is_valid()
        form.add_error(None, _("提交过快或表单已过期，请核对内容后再次提交。"))
        return _render_form(request, organization, form, status=400, file_lost=bool(request.FILES))
    if not form.is_valid():
        return _render_form(request, organization, form, status=400, file_lost=bool(request.FILES))
    application, code = submit_online(organization, form.application_fields(), form.cleaned_data["identity_proof"])
    send_codes(application, code, request.build_absolute_uri(reverse("applications:lookup")))
    request.session[SESSION_CODES] = {"number": application.number, "code": code}
    return redirect("applications:submitted")


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    """Show the codes once: they leave the session as they are shown."""
    codes = request.session.pop(SESSION_CODES, None)
    application = Application.objects.filter(number=codes["number"]).first() if codes else None
    return render(request, "applications/submitted.html", {"codes": codes, "application": application})


@never_cache
@sensitive_post_parameters("code")
@ratelimit(key="ip", rate=lookup_rate, method="POST", block=False)
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "applications/lookup.html", {"form": LookupForm()})
    if getattr(request, "limited", False):
        return _too_many(request)
    form = LookupForm(request.POST)
    application = None
    if form.is_valid():
        application = check_lookup_code(form.cleaned_data["number"], form.cleaned_data["code"])
        if application is None:
            form.add_error(None, _("受理编号或查询码不正确，请核对后重新输入。"))
    if application is None:
        return render(request, "applications/lookup.html", {"form": form}, status=400)
    request.session[SESSION_LOOKUPS] = [*request.session.get(SESSION_LOOKUPS, [])[-9:], application.pk]
    return render(request, "applications/status.html", _status_context(application))


def _status_context(application: Application) -> dict:
    events = application.events.filter(kind__in=PUBLIC_EVENTS).order_by("happened_on", "pk")
    deadlines = compute_deadlines(application, calendar())
    return {"application": application, "events": events, "deadlines": deadlines}


@never_cache
def reply_letter(request: HttpRequest, number: str) -> FileResponse:
    """The reply letter, for a browser that looked the application up with its code in this session."""
    application = get_object_or_404(Application, number=number, pk__in=request.session.get(SESSION_LOOKUPS, []))
    if not application.reply_letter:
        raise Http404
    return serve_file(application.reply_letter, _letter_name(application))


def _letter_name(application: Application) -> str:
    suffix = application.reply_letter.name.rsplit(".", 1)[-1] if "." in application.reply_letter.name else "pdf"
    return f"{application.number}-答复书.{suffix}"

"""The citizen's pages: choose an organization, apply, keep the codes, look the application up."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from catalog.models import Organization
from catalog.transitions import NotAllowedNow
from catalog.workdays import current_calendar
from disclosure_portal.submissions import sent_again
from disclosure_portal.uploads import serve_file

from ..deadlines import compute_deadlines
from ..forms import ApplyForm, CorrectionForm, LookupForm
from ..forms.citizen import timing_token
from ..models import Application, ApplicationEvent
from ..notices import PUBLIC_KINDS
from ..receipts import render_receipt_pdf
from ..services import APPLICATION_TRANSITIONS, check_lookup_code, submit_correction, submit_online
from ..services.numbers import new_lookup_code

SESSION_CODES = "applications_new_codes"
SESSION_LOOKUPS = "applications_looked_up"
SESSION_RECEIPT = "applications_receipt_codes"  # the codes of the application filed in this session
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


def submit_rate(group, request) -> str:
    return settings.APPLICATIONS_SUBMIT_RATE


def lookup_rate(group, request) -> str:
    return settings.APPLICATIONS_LOOKUP_RATE


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


@dataclass(frozen=True)
class Applicant:
    """The citizen who proved with the 查询码, in this browser session, that the application is hers."""

    applicant_of: int
    is_authenticated = False


# Every page that shows a code or what an applicant typed is never stored by a browser or proxy cache.
@never_cache
@sensitive_post_parameters(*PERSONAL_FIELDS)
def apply(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    if request.method != "POST":
        return _render_form(request, organization, ApplyForm(organization=organization))
    resent = sent_again(request, Application.objects.all())
    if resent is not None:
        # A retry after a 502 or a double click: the first acknowledgement again, never a second filing.
        return _acknowledge(request, resent[0], new_lookup_code(resent[1].seed))
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
    # Only a filing counts against the limit, not the typing slips corrected before it; a refused filing keeps
    # everything typed.
    if is_ratelimited(request, group="applications.apply", key="ip", rate=submit_rate, increment=True):
        form.add_error(None, _("同一网络地址在短时间内提交次数过多，请一小时后再提交。已填写的内容保留在下方。"))
        return _render_form(request, organization, form, status=429, file_lost=bool(request.FILES))
    application, code = submit_online(
        organization, form.application_fields(), form.cleaned_data["identity_proof"], token=form.submission
    )
    return _acknowledge(request, application, code)


def _acknowledge(request: HttpRequest, application: Application, code: str) -> HttpResponse:
    request.session[SESSION_CODES] = {"number": application.number, "code": code}
    _remember(request, application)
    return redirect("applications:submitted")


def _remember(request: HttpRequest, application: Application) -> None:
    """This browser may see the application (it filed it, or gave its 查询码) until the session ends."""
    request.session[SESSION_LOOKUPS] = [*request.session.get(SESSION_LOOKUPS, [])[-9:], application.pk]


def _looked_up(request: HttpRequest, number: str) -> Application:
    return get_object_or_404(
        Application.objects.select_related("organization"),
        number=number,
        pk__in=request.session.get(SESSION_LOOKUPS, []),
    )


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    """The codes, on screen whatever the mail server does, once; the session keeps them for the receipt only."""
    codes = request.session.pop(SESSION_CODES, None)
    if codes:
        request.session[SESSION_RECEIPT] = codes
    application = Application.objects.filter(number=codes["number"]).first() if codes else None
    return render(request, "applications/submitted.html", {"codes": codes, "application": application})


@never_cache
@sensitive_post_parameters("code")
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "applications/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    if not form.is_valid():
        # A number that cannot be one is a typing slip, not a guess: it does not count against the limit.
        return render(request, "applications/lookup.html", {"form": form}, status=400)
    if is_ratelimited(request, group="applications.lookup", key="ip", rate=lookup_rate, increment=True):
        return _too_many(request)
    application = check_lookup_code(form.cleaned_data["number"], form.cleaned_data["code"])
    if application is None:
        form.add_error(None, _("受理编号或查询码不正确，请核对后重新输入。"))
        return render(request, "applications/lookup.html", {"form": form}, status=400)
    _remember(request, application)
    return redirect("applications:status", application.number)


@never_cache
def status(request: HttpRequest, number: str) -> HttpResponse:
    application = _looked_up(request, number)
    return render(request, "applications/status.html", _status_context(application))


def _status_context(application: Application, correction_form=None) -> dict:
    events = application.events.filter(kind__in=PUBLIC_EVENTS).order_by("happened_on", "pk")
    calendar = current_calendar()
    can_correct = APPLICATION_TRANSITIONS["correction_online"].allows(application, Applicant(application.pk))
    return {
        "application": application,
        "events": events,
        "deadlines": compute_deadlines(application, calendar),
        "notices": application.notices.filter(kind__in=PUBLIC_KINDS),
        "correction_request": application.events.filter(kind=ApplicationEvent.Kind.CORRECTION_REQUESTED).last(),
        "correction_form": (correction_form or CorrectionForm()) if can_correct else None,
        "corrections": application.correction_replies.all(),
    }


@never_cache
@require_POST
def correct(request: HttpRequest, number: str) -> HttpResponse:
    """补正 online: text and files; it arrives today and the reply clock restarts today (Art. 30)."""
    application = _looked_up(request, number)
    form = CorrectionForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _status_context(application, form) | {"file_lost": bool(request.FILES)}
        return render(request, "applications/status.html", context, status=400)
    try:
        submit_correction(application, by=Applicant(application.pk), **form.cleaned_data)
    except NotAllowedNow as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("补正已提交，答复期限自今天起重新计算。"))
    return redirect("applications:status", application.number)


@never_cache
def reply_letter(request: HttpRequest, number: str) -> FileResponse:
    """The reply letter, for a browser that looked the application up with its code in this session."""
    application = _looked_up(request, number)
    if not application.reply_letter:
        raise Http404
    return serve_file(application.reply_letter, _letter_name(application))


def _letter_name(application: Application) -> str:
    suffix = application.reply_letter.name.rsplit(".", 1)[-1] if "." in application.reply_letter.name else "pdf"
    return f"{application.number}-答复书.{suffix}"


def _receipt_context(request: HttpRequest, application: Application) -> dict:
    codes = request.session.get(SESSION_RECEIPT) or {}
    show_codes = request.GET.get("codes") == "1" and codes.get("number") == application.number
    calendar = current_calendar()
    return {
        "application": application,
        "code": codes.get("code") if show_codes else None,
        "codes_available": codes.get("number") == application.number,
        "deadlines": compute_deadlines(application, calendar),
        "printed_at": timezone.localtime(),
    }


@never_cache
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    """申请回执: the application as filed and when a reply is due; the 查询码 only when the citizen asks for it."""
    application = _looked_up(request, number)
    return render(request, "applications/receipt.html", _receipt_context(request, application))


@never_cache
def receipt_pdf(request: HttpRequest, number: str) -> HttpResponse:
    application = _looked_up(request, number)
    pdf = render_receipt_pdf(_receipt_context(request, application))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{application.number}-申请回执.pdf")
    return response

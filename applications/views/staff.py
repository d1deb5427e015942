"""Staff pages inside the admin: dashboard, one application's workflow, downloads, candidates.

Every page checks the user's organizations: another organization's application is a 404.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from catalog.models import Organization
from disclosure_portal.uploads import serve_file

from .. import candidates, services
from ..choices import DeliveryForm, DeliveryMethod, label_for
from ..dashboard import build_dashboard
from ..deadlines import compute_deadlines, workdays_left
from ..forms import (
    ConfirmForm,
    ConsultForm,
    CorrectionRequestForm,
    DayForm,
    ExtendForm,
    FeeForm,
    OfflineApplicationForm,
    OpinionForm,
    ReplyForm,
)
from ..models import Application, ApplicationEvent
from ..services.letters import generate_reply_letter
from ..workdays import calendar

State = Application.State

# action name: (label, form class, states in which it is offered)
ACTIONS = {
    "confirm": (_("确认受理"), ConfirmForm, [State.SUBMITTED]),
    "correction": (_("补正告知"), CorrectionRequestForm, [State.RECEIVED]),
    "correction_received": (_("补正收到"), DayForm, [State.AWAITING_CORRECTION]),
    "consult": (_("征求意见"), ConsultForm, [State.RECEIVED, State.CONSULTING]),
    "opinion": (_("意见收到"), OpinionForm, [State.CONSULTING]),
    "extend": (_("延期答复"), ExtendForm, [State.RECEIVED, State.CONSULTING, State.AWAITING_PAYMENT]),
    "fee": (_("收费通知"), FeeForm, [State.RECEIVED]),
    "payment": (_("缴费"), DayForm, [State.AWAITING_PAYMENT]),
    "reply": (_("答复"), ReplyForm, [State.RECEIVED, State.AWAITING_CORRECTION, State.AWAITING_PAYMENT]),
    "withdraw": (
        _("撤回"),
        DayForm,
        [State.SUBMITTED, State.RECEIVED, State.AWAITING_CORRECTION, State.CONSULTING, State.AWAITING_PAYMENT],
    ),
}


def require_handler(request: HttpRequest) -> None:
    """Staff with at least one organization (or a site administrator)."""
    if not (request.user.is_superuser or Organization.objects.for_user(request.user).exists()):
        raise PermissionDenied


def staff_application(request: HttpRequest, pk: int) -> Application:
    require_handler(request)
    return get_object_or_404(Application.objects.for_staff(request.user).select_related("organization"), pk=pk)


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), **extra}


def dashboard(request: HttpRequest) -> HttpResponse:
    require_handler(request)
    board = build_dashboard(request.user, timezone.localdate(), calendar())
    return render(
        request, "admin/applications/dashboard.html", _context(request, board=board, title=_("依申请公开办理台"))
    )


def _form_for(action: str, application: Application, data=None, files=None):
    form_class = ACTIONS[action][1]
    if form_class is OpinionForm:
        return form_class(data, files, application=application, prefix=action)
    return form_class(data, files, prefix=action)


def process(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    """One application in full (personal data included), its clock, its history and the possible steps."""
    application = staff_application(request, pk)
    cal = calendar()
    forms = [
        (name, label, bound if bound is not None and bound.prefix == name else _form_for(name, application))
        for name, (label, _form, states) in ACTIONS.items()
        if application.state in states
    ]
    context = _context(
        request,
        title=application.number,
        application=application,
        deadlines=compute_deadlines(application, cal),
        left=workdays_left(application, timezone.localdate(), cal),
        events=application.events.select_related("actor"),
        forms=forms,
        delivery=f"{label_for(DeliveryForm, application.delivery_form)} / "
        f"{label_for(DeliveryMethod, application.delivery_method)}",
    )
    return render(request, "admin/applications/process.html", context, status=400 if bound is not None else 200)


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one workflow step; an impossible one is refused with the reason."""
    application = staff_application(request, pk)
    if action not in ACTIONS:
        raise Http404
    form = _form_for(action, application, request.POST, request.FILES)
    if not form.is_valid():
        return process(request, pk, bound=form)
    try:
        _run(action, application, form.cleaned_data, request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return process(request, pk, bound=form)
    messages.success(request, _("已办理：%(action)s。") % {"action": ACTIONS[action][0]})
    return redirect("admin:applications_application_process", application.pk)


def _run(action: str, application: Application, data: dict, user) -> None:
    on, note, letter = data["on"], data.get("note", ""), data.get("letter")
    if action == "confirm":
        services.confirm(application, on=on, actor=user, note=note)
    elif action == "correction":
        services.request_correction(
            application, on=on, period_days=data["period_days"], actor=user, note=note, letter=letter
        )
    elif action == "correction_received":
        services.receive_correction(application, on=on, actor=user, note=note)
    elif action == "consult":
        services.consult(
            application, on=on, party=data["party"], party_name=data["party_name"], actor=user, letter=letter
        )
    elif action == "opinion":
        services.receive_opinion(data["consultation"], on=on, actor=user, note=note)
    elif action == "extend":
        services.extend(
            application, on=on, days=data["days"], approved_by=data["approved_by"], actor=user, letter=letter
        )
    elif action == "fee":
        services.notify_fee(
            application, on=on, method=data["method"], pages=data.get("pages"), actor=user, letter=letter
        )
    elif action == "payment":
        services.record_payment(application, on=on, actor=user, note=note)
    elif action == "reply":
        if not letter:
            letter = generate_reply_letter(
                application, on=on, outcome=data["outcome"], reply_type=data["reply_type"], body=data["body"]
            )
        services.reply(
            application,
            on=on,
            outcome=data["outcome"],
            reply_type=data["reply_type"],
            actor=user,
            letter=letter,
            note=note,
        )
    elif action == "withdraw":
        services.withdraw(application, on=on, actor=user, note=note)


@sensitive_post_parameters("id_number", "phone", "credit_code", "address", "email", "postcode")
def offline_entry(request: HttpRequest) -> HttpResponse:
    """Log an application received in person, by post, fax or otherwise, with its receipt day."""
    require_handler(request)
    organizations = Organization.objects.for_user(request.user)
    form = OfflineApplicationForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        application = services.enter_offline(
            form.cleaned_data["organization"],
            form.application_fields(),
            channel=form.cleaned_data["channel"],
            received_on=form.cleaned_data["received_on"],
            actor=request.user,
            identity_proof=form.cleaned_data.get("identity_proof"),
        )
        messages.success(request, _("已登记，受理编号 %(number)s。") % {"number": application.number})
        return redirect("admin:applications_application_process", application.pk)
    context = _context(request, form=form, title=_("登记当面、邮寄、传真等申请"))
    return render(request, "admin/applications/offline.html", context, status=400 if form.errors else 200)


def _serve(file_field, filename: str) -> FileResponse:
    if not file_field:
        raise Http404
    return serve_file(file_field, filename)


def _suffix(file_field) -> str:
    return file_field.name.rsplit(".", 1)[-1] if "." in file_field.name else "bin"


def identity_proof(request: HttpRequest, pk: int) -> FileResponse:
    application = staff_application(request, pk)
    return _serve(application.identity_proof, f"{application.number}-身份证明.{_suffix(application.identity_proof)}")


def reply_letter(request: HttpRequest, pk: int) -> FileResponse:
    application = staff_application(request, pk)
    return _serve(application.reply_letter, f"{application.number}-答复书.{_suffix(application.reply_letter)}")


def event_letter(request: HttpRequest, pk: int, event_pk: int) -> FileResponse:
    application = staff_application(request, pk)
    event = get_object_or_404(ApplicationEvent, pk=event_pk, application=application)
    return _serve(event.letter, f"{application.number}-{event.get_kind_display()}.{_suffix(event.letter)}")


def candidate_list(request: HttpRequest) -> HttpResponse:
    require_handler(request)
    context = _context(request, candidates=candidates.candidates_for(request.user), title=_("可转为主动公开的信息"))
    return render(request, "admin/applications/candidates.html", context)


@require_POST
def candidate_draft(request: HttpRequest) -> HttpResponse:
    """One click: a draft catalog item from information several applicants asked for."""
    require_handler(request)
    organization = get_object_or_404(Organization.objects.for_user(request.user), pk=request.POST.get("organization"))
    title = request.POST.get("info_title", "").strip()
    if not title:
        raise Http404
    try:
        item = candidates.draft_item(organization, title, request.user)
    except candidates.NoCategory:
        messages.error(request, _("公开目录还没有信息分类，请先在目录中添加分类。"))
        return redirect("admin:applications_application_candidates")
    messages.success(request, _("已生成主动公开草稿“%(title)s”，请补充内容后送审。") % {"title": item.title})
    try:
        return redirect(reverse("admin:catalog_item_change", args=[item.pk]))
    except NoReverseMatch:
        return redirect("admin:applications_application_candidates")

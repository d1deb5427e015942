"""Staff pages inside the admin: dashboard, one application's workflow, downloads, candidates.

Every page checks the user's organizations: another organization's application is a 404.
"""

from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from catalog import permissions
from catalog.models import Organization
from catalog.transitions import NotAllowedNow, offered
from catalog.workdays import current_calendar
from disclosure_portal.uploads import GeneratedName, serve_file

from .. import candidates, services
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
    WithdrawForm,
)
from ..models import Application, ApplicationEvent, CorrectionFile
from ..services import APPLICATION_TRANSITIONS
from ..services.letters import preview_letter_number, render_letter_body
from ..services.workflow import check_reply

# The staff form of each step of the transitions table (the citizen's online 补正 has none here).
FORMS = {
    "confirm": ConfirmForm,
    "correction": CorrectionRequestForm,
    "correction_received": DayForm,
    "consult": ConsultForm,
    "opinion": OpinionForm,
    "extend": ExtendForm,
    "fee": FeeForm,
    "payment": DayForm,
    "reply": ReplyForm,
    "withdraw": WithdrawForm,
}
STASH_SALT = "applications.stashed-letter"
STASH_FOLDER = GeneratedName("pending")


def require_handler(request: HttpRequest) -> None:
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied


def staff_application(request: HttpRequest, pk: int) -> Application:
    require_handler(request)
    return get_object_or_404(Application.objects.for_staff(request.user).select_related("organization"), pk=pk)


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), **extra}


def dashboard(request: HttpRequest) -> HttpResponse:
    require_handler(request)
    board = build_dashboard(request.user, timezone.localdate(), current_calendar())
    return render(
        request, "admin/applications/dashboard.html", _context(request, board=board, title=_("依申请公开办理台"))
    )


def _form_for(action: str, application: Application, data=None, files=None):
    form_class = FORMS[action]
    if form_class is OpinionForm:
        return form_class(data, files, application=application, prefix=action)
    return form_class(data, files, prefix=action)


def process(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    """One application in full (personal data included), its clock, its history and the possible steps."""
    application = staff_application(request, pk)
    calendar = current_calendar()
    steps = [
        (step, bound if bound is not None and bound.prefix == step.action else _form_for(step.action, application))
        for step in offered(APPLICATION_TRANSITIONS, application, request.user)
        if step.action in FORMS
    ]
    context = _context(
        request,
        title=application.number,
        application=application,
        deadlines=compute_deadlines(application, calendar),
        left=workdays_left(application, timezone.localdate(), calendar),
        events=application.events.select_related("by"),
        steps=[(step, form) for step, form in steps if not step.irreversible],
        irreversible_steps=[(step, form) for step, form in steps if step.irreversible],
        notices=application.notices.all(),
        corrections=application.correction_replies.prefetch_related("files"),
        delivery=application.delivery_display,
    )
    return render(request, "admin/applications/process.html", context, status=400 if bound is not None else 200)


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one workflow step; an irreversible one is shown (the letter previewed) and confirmed first."""
    application = staff_application(request, pk)
    transition = APPLICATION_TRANSITIONS.get(action)
    if transition is None or action not in FORMS:
        raise Http404
    form = _form_for(action, application, request.POST, request.FILES)
    if not form.is_valid():
        return process(request, pk, bound=form)
    arguments = form.arguments()
    try:
        if transition.irreversible and not request.POST.get("confirmed"):
            return _confirmation(request, application, transition, form, arguments)
        if action == "reply" and not arguments.get("letter") and request.POST.get("stashed_letter"):
            arguments["letter"] = _unstash(request.POST["stashed_letter"])
        transition.perform(application, by=request.user, **arguments)
    except NotAllowedNow as refusal:
        messages.error(request, str(refusal))
        return process(request, pk, bound=form)
    messages.success(request, _("已办理：%(action)s。") % {"action": transition.label})
    return redirect("admin:applications_application_process", application.pk)


def _confirmation(request, application, transition, form, arguments) -> HttpResponse:
    """What the step will do, with the reply letter as it will read, and the button that does it."""
    transition.check(application, request.user)
    preview = ""
    if transition.action == "reply":
        application.reply_type = check_reply(
            application, arguments["outcome"], arguments["reply_type"], arguments["reason"], arguments["on"]
        )
        application.outcome, application.reply_reason = arguments["outcome"], arguments["reason"]
        application.letter_number = preview_letter_number(application.organization, arguments["on"].year)
        if not arguments.get("letter"):
            preview = render_letter_body(application, on=arguments["on"], body=arguments["body"])
    context = _context(
        request,
        title=transition.label,
        application=application,
        transition=transition,
        form=form,
        summary=_summary(form),
        preview=preview,
        stashed_letter=_stash(arguments["letter"]) if arguments.get("letter") else "",
        letter_name=arguments["letter"].name if arguments.get("letter") else "",
    )
    return render(request, "admin/applications/confirm.html", context)


def _summary(form) -> list[tuple[str, str]]:
    """What the staff member entered, in words: labels of choices, days as dates."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "letter" or value in (None, ""):
            continue
        choices = dict(_flat(getattr(field, "choices", [])))
        rows.append((str(field.label), str(choices.get(value, value))))
    return rows


def _flat(choices) -> list:
    flat = []
    for value, label in choices:
        flat.extend(label if isinstance(label, list | tuple) else [(value, label)])
    return flat


def _stash(upload) -> str:
    """Keep an uploaded letter across the confirmation page (a file input cannot be filled again)."""
    name = default_storage.save(STASH_FOLDER(None, upload.name), upload)
    return signing.dumps(name, salt=STASH_SALT)


def _unstash(token: str) -> File:
    try:
        name = signing.loads(token, salt=STASH_SALT, max_age=24 * 3600)
    except signing.BadSignature as bad:
        raise NotAllowedNow(_("上传的答复书已过期，请重新上传。")) from bad
    if not default_storage.exists(name):
        raise NotAllowedNow(_("上传的答复书已过期，请重新上传。"))
    return File(default_storage.open(name), name=name.rsplit("/", 1)[-1])


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
            by=request.user,
            channel=form.cleaned_data["channel"],
            received_on=form.cleaned_data["received_on"],
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


def correction_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    application = staff_application(request, pk)
    stored = get_object_or_404(CorrectionFile, pk=file_pk, reply__application=application)
    return _serve(stored.file, f"{application.number}-补正材料{stored.pk}.{_suffix(stored.file)}")


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

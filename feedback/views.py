"""The 意见箱 for citizens: write, keep the codes, read the answer; published answers for everyone."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit.decorators import ratelimit

from applications.forms.citizen import timing_token
from applications.services.numbers import new_lookup_code
from disclosure_portal.submissions import sent_again

from . import services
from .forms import LookupForm, MessageForm
from .models import Message

SESSION_CODES = "feedback_new_codes"
PAGE_SIZE = 20


def write_rate(group, request) -> str:
    return settings.FEEDBACK_WRITE_RATE


def lookup_rate(group, request) -> str:
    return settings.FEEDBACK_LOOKUP_RATE


def index(request: HttpRequest) -> HttpResponse:
    published = Message.objects.published().select_related("organization").order_by("-published_at", "-pk")
    page = Paginator(published, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/index.html", {"page": page})


def detail(request: HttpRequest, number: str) -> HttpResponse:
    message = get_object_or_404(Message.objects.published().select_related("organization"), number=number)
    return render(request, "feedback/detail.html", {"message": message})


def _form_page(request, form, status=200) -> HttpResponse:
    return render(request, "feedback/write.html", {"form": form}, status=status)


@sensitive_post_parameters("name", "phone", "email")
@ratelimit(key="ip", rate=write_rate, method="POST", block=False)
def write(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in Message.Kind.values else {}
        return _form_page(request, MessageForm(initial=initial, page=request.GET.get("page", "")))
    resent = sent_again(request, Message.objects.all())
    if resent is not None:
        # A retry after a 502 or a double click: the first acknowledgement again, never a second filing.
        return _acknowledge(request, resent[0], new_lookup_code(resent[1].seed))
    if getattr(request, "limited", False):
        return render(request, "feedback/too_many.html", status=429)
    form = MessageForm(request.POST)
    if form.is_bot():
        # As on the application form: say nothing of why, keep what was typed, ask to send again.
        data = request.POST.copy()
        data["started"], data["website"] = timing_token(), ""
        form = MessageForm(data)
        form.is_valid()
        form.add_error(None, _("提交过快或表单已过期，请核对内容后再次提交。"))
        return _form_page(request, form, status=400)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    message, code = services.receive(form.message_fields(), token=form.submission)
    return _acknowledge(request, message, code)


def _acknowledge(request: HttpRequest, message: Message, code: str) -> HttpResponse:
    request.session[SESSION_CODES] = {"number": message.number, "code": code}
    return redirect("feedback:sent")


def sent(request: HttpRequest) -> HttpResponse:
    """The codes, shown once: they leave the session as they are shown."""
    return render(request, "feedback/sent.html", {"codes": request.session.pop(SESSION_CODES, None)})


@sensitive_post_parameters("code")
@ratelimit(key="ip", rate=lookup_rate, method="POST", block=False)
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "feedback/lookup.html", {"form": LookupForm()})
    if getattr(request, "limited", False):
        return render(request, "feedback/too_many.html", status=429)
    form = LookupForm(request.POST)
    message = None
    if form.is_valid():
        message = services.find_with_code(form.cleaned_data["number"], form.cleaned_data["code"])
        if message is None:
            form.add_error(None, _("留言编号或查询码不正确，请核对后重新输入。"))
    status = 200 if message else 400
    return render(request, "feedback/lookup.html", {"form": form, "message": message}, status=status)

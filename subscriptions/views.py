"""Subscribing by e-mail without an account: the form, the confirmation link, the unsubscribe link."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from applications.forms.citizen import timing_token

from . import criteria, services
from .forms import SubscribeForm
from .models import Subscription


def subscribe_rate(group, request) -> str:
    return getattr(settings, "SUBSCRIPTIONS_RATE", "10/h")


def address_rate(group, request) -> str:
    return getattr(settings, "SUBSCRIPTIONS_ADDRESS_RATE", "5/h")


def base_url(request: HttpRequest) -> str:
    return getattr(settings, "PORTAL_BASE_URL", "") or request.build_absolute_uri("/")


def _form_page(request, form, status=200) -> HttpResponse:
    return render(request, "subscriptions/subscribe.html", {"form": form}, status=status)


@ratelimit(key="ip", rate=subscribe_rate, method="POST", block=False)
@ratelimit(key="post:email", rate=address_rate, method="POST", block=False)
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        wanted = ("q", *criteria.FILTERS)
        return _form_page(request, SubscribeForm(initial={key: request.GET.get(key) for key in wanted}))
    if getattr(request, "limited", False):
        return render(request, "subscriptions/too_many.html", status=429)
    form = SubscribeForm(request.POST)
    if form.is_bot():
        # As on the application form: say nothing of why, keep what was typed, ask to send again.
        data = request.POST.copy()
        data["started"], data["website"] = timing_token(), ""
        form = SubscribeForm(data)
        form.is_valid()
        form.add_error(None, _("提交过快或表单已过期，请核对内容后再次提交。"))
        return _form_page(request, form, status=400)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    services.send_confirmation(form.cleaned_data["email"], form.criteria(), base_url(request))
    return redirect("subscriptions:sent")


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/sent.html", {"days": services.CONFIRM_DAYS})


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what is to be confirmed; only the button (a POST) stores it, so link scanners confirm nothing."""
    wanted = services.read_confirmation(token)
    if wanted is None:
        return render(request, "subscriptions/link_invalid.html", status=400)
    context = {"what": criteria.describe(wanted["criteria"]), "email": wanted["email"]}
    if request.method == "POST":
        services.confirm(wanted["email"], wanted["criteria"])
        return render(request, "subscriptions/confirmed.html", context)
    return render(request, "subscriptions/confirm.html", context)


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs without a form; the key in the link is the credential
def unsubscribe(request: HttpRequest, key: str) -> HttpResponse:
    if request.method == "POST":
        services.unsubscribe(key)
        return render(request, "subscriptions/unsubscribed.html")
    subscription = Subscription.objects.filter(unsubscribe_key=key).first()
    if subscription is None:
        return render(request, "subscriptions/unsubscribed.html")
    context = {"what": criteria.describe(subscription.criteria), "key": key}
    return render(request, "subscriptions/unsubscribe.html", context)

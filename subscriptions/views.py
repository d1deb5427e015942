"""Subscribing by e-mail without an account: the form, the confirmation link, the unsubscribe link."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from . import criteria, services
from .forms import SubscribeForm
from .models import Subscription


def subscribe_rate(group, request) -> str:
    return settings.SUBSCRIPTIONS_RATE


def address_rate(group, request) -> str:
    return settings.SUBSCRIPTIONS_ADDRESS_RATE


def base_url(request: HttpRequest) -> str:
    return settings.PORTAL_BASE_URL or request.build_absolute_uri("/")


def page(request: HttpRequest, name: str, heading: str, status: int = 200, **context) -> HttpResponse:
    return render(request, f"subscriptions/{name}.html", {"heading": heading, **context}, status=status)


def form_page(request: HttpRequest, form: SubscribeForm, status: int = 200) -> HttpResponse:
    return page(request, "subscribe", _("邮件订阅"), status, form=form)


@ratelimit(key="ip", rate=subscribe_rate, method="POST", block=False)
@ratelimit(key="post:email", rate=address_rate, method="POST", block=False)
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        wanted = ("q", *criteria.FILTERS)
        return form_page(request, SubscribeForm(initial={key: request.GET.get(key) for key in wanted}))
    if getattr(request, "limited", False):
        return page(request, "too_many", _("操作过于频繁"), status=429)
    form = SubscribeForm(request.POST)
    if form.is_bot():
        return form_page(request, form.to_send_again(), status=400)
    if not form.is_valid():
        return form_page(request, form, status=400)
    services.send_confirmation(form.cleaned_data["email"], form.criteria(), base_url(request))
    return redirect("subscriptions:sent")


def sent(request: HttpRequest) -> HttpResponse:
    return page(request, "sent", _("请查收确认邮件"), days=services.CONFIRM_DAYS)


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what is to be confirmed; only the button (a POST) stores it, so link scanners confirm nothing."""
    wanted = services.read_confirmation(token)
    if wanted is None:
        return page(request, "link_invalid", _("确认链接无效或已过期"), status=400, days=services.CONFIRM_DAYS)
    context = {"what": criteria.describe(wanted["criteria"]), "email": wanted["email"]}
    if request.method == "POST":
        services.confirm(wanted["email"], wanted["criteria"])
        return page(request, "confirmed", _("订阅成功"), **context)
    return page(request, "confirm", _("确认订阅"), **context)


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs without a form; the key in the link is the credential
def unsubscribe(request: HttpRequest, key: str) -> HttpResponse:
    if request.method == "POST":
        services.unsubscribe(key)
        return page(request, "unsubscribed", _("已退订"))
    subscription = Subscription.objects.filter(unsubscribe_key=key).first()
    if subscription is None:
        return page(request, "unsubscribed", _("已退订"))
    return page(request, "unsubscribe", _("退订"), what=criteria.describe(subscription.criteria), key=key)

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms.citizen import ApplyForm, timing_token
from catalog.models import Item, Organization
from disclosure_portal.submissions import OneTimeSubmission

from .models import Message


class MessageForm(OneTimeSubmission, forms.ModelForm):
    """A letter to the 意见箱, with the application form's defences against bots (no CAPTCHA)."""

    website = forms.CharField(label=_("请勿填写此项"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Message
        fields = ["kind", "organization", "title", "body", "page_url", "name", "phone", "email"]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
            "page_url": forms.TextInput,
        }
        help_texts = {
            "organization": _("意见或错误涉及的机关；不确定时选本网站的主办机关。"),
            "page_url": _("网站纠错时填写，默认为您来自的页面。"),
            "name": _("只用于答复您，不会公开。"),
            "phone": _("电话和电子邮箱至少填写一项，只用于联系您，不会公开。"),
        }

    # The same honeypot and signed render time as the application form.
    is_bot = ApplyForm.is_bot

    def __init__(self, *args, page: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.only("pk", "name")
        self.fields["organization"].empty_label = None
        if not self.is_bound:
            self.initial.setdefault("started", timing_token())
            self.initial.setdefault("page_url", local_path(page))
            self.initial.setdefault("organization", organization_of_page(page))

    def clean_page_url(self) -> str:
        return local_path(self.cleaned_data["page_url"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("请填写联系电话或电子邮箱。"))
        return cleaned

    def message_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LookupForm(forms.Form):
    number = forms.CharField(label=_("留言编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=40, widget=forms.PasswordInput(render_value=True))


ADDRESS_WHITESPACE = str.maketrans("", "", "\t\r\n")


def local_path(page: str) -> str:
    """A path on this site (the page a correction is about); anything else is dropped.

    Tabs and line breaks go first, as browsers drop them from addresses: to them "/<tab>/host" is "//host".
    """
    page = (page or "").translate(ADDRESS_WHITESPACE).strip()
    return page[:300] if page.startswith("/") and not page.startswith("//") and "\\" not in page else ""


def organization_of_page(page: str) -> Organization | None:
    """The organization an item page belongs to, else the portal's own."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(local_path(page).split("?")[0] or "/")
    except Resolver404:
        match = None
    if match and match.view_name == "catalog:item_detail":
        item = Item.objects.published().filter(pk=match.kwargs["pk"]).select_related("organization").first()
        if item is not None:
            return item.organization
    return Organization.objects.portal_root()

"""Staff answer letters of their own organizations; the answer may be published with the question."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications.admin.applications import OrganizationScopedAdmin

from . import services
from .models import Message

LETTER_FIELDS = ["number", "kind", "organization", "title", "body", "page_link", "received_at", "age", "answer_due"]


class AnswerForm(forms.ModelForm):
    publish = forms.BooleanField(
        label=_("公开答复"),
        required=False,
        help_text=_("勾选后，留言（隐去个人信息）和答复在“信息公开意见箱”栏目公开。"),
    )

    class Meta:
        model = Message
        fields = ["answer", "public_title", "public_question"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8}), "public_question": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        self.initial["publish"] = self.instance.published_at is not None


class StateFilter(admin.SimpleListFilter):
    title = _("办理状态")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("待答复")),
            ("overdue", _("超过三个月未答复")),
            ("answered", _("已答复")),
            ("published", _("已公开")),
        ]

    def queryset(self, request, queryset):
        return {
            "waiting": queryset.waiting,
            "overdue": queryset.overdue,
            "answered": lambda: queryset.filter(answered_at__isnull=False),
            "published": queryset.published,
        }.get(self.value(), queryset.all)()


@admin.register(Message)
class MessageAdmin(OrganizationScopedAdmin):
    form = AnswerForm
    list_display = ["number", "title", "kind", "organization", "received_on", "age", "answer_due", "state"]
    list_filter = [StateFilter, "kind", "organization"]
    search_fields = ["number", "title"]
    list_select_related = ["organization"]
    readonly_fields = [
        "number", "kind", "organization", "title", "body", "page_link", "name", "phone", "email",
        "received_at", "age", "answer_due", "answered_at", "answered_by", "published_at",
    ]  # fmt: skip
    fieldsets = [
        (_("留言"), {"fields": LETTER_FIELDS}),
        (_("联系方式（不公开）"), {"fields": ["name", "phone", "email"]}),
        (
            _("答复"),
            {
                "fields": [
                    "answer",
                    "publish",
                    "public_title",
                    "public_question",
                    "answered_at",
                    "answered_by",
                    "published_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("已等待"))
    def age(self, obj: Message) -> str:
        days = obj.age_days()
        if obj.is_overdue():
            return format_html('<strong class="overdue">{}</strong>', _("%(days)s 天，已超过三个月") % {"days": days})
        return _("%(days)s 天") % {"days": days}

    @admin.display(description=_("三个月期限"))
    def answer_due(self, obj: Message):
        return "—" if obj.is_answered else obj.answer_due_on()

    @admin.display(description=_("状态"))
    def state(self, obj: Message) -> str:
        if obj.is_published:
            return _("已公开")
        return _("已答复") if obj.is_answered else _("待答复")

    @admin.display(description=_("有误的页面"))
    def page_link(self, obj: Message) -> str:
        return format_html('<a href="{0}">{0}</a>', obj.page_url) if obj.page_url else "—"

    def view_on_site(self, obj: Message) -> str | None:
        return obj.get_absolute_url() if obj.is_published else None  # unpublished letters have no public page

    def has_add_permission(self, request) -> bool:
        return False  # letters come from citizens, through the public form

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # an inspection counts every letter: none may disappear

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.answer(
            obj, data["answer"], request.user, data["publish"], data["public_question"], data["public_title"]
        )

    def changelist_view(self, request, extra_context=None):
        extra = {"today": timezone.localdate(), **(extra_context or {})}
        return super().changelist_view(request, extra)

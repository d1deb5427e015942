from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import permissions
from ..models import Attachment, Item, Membership, Organization
from ..services import add_attachment, publish_item, remove_attachment, repeal_item, return_item, save_item, submit_item
from .csp import allow_rendered_importmaps
from .filters import OwnOrganizationFilter, PublishedYearFilter, TimelinessFilter
from .forms import AttachmentInlineForm, ItemAdminForm

WORKFLOW = {
    # button value: (label, service call, who may see it)
    "submit": (_("提交保密审查"), lambda item, user, form: submit_item(item, user), "edit"),
    "publish": (
        _("审核通过并发布"),
        lambda item, user, form: publish_item(item, user, form.get("published_on")),
        "review",
    ),
    "return": (
        _("退回修改"),
        lambda item, user, form: return_item(item, user, form.get("workflow_reason", "")),
        "review",
    ),
    "repeal": (_("废止"), lambda item, user, form: repeal_item(item, user, form.get("workflow_date")), "review"),
    "expire": (
        _("宣布失效"),
        lambda item, user, form: repeal_item(item, user, form.get("workflow_date"), Item.Validity.EXPIRED),
        "review",
    ),
}
STATES_FOR = {
    "submit": {Item.State.DRAFT, Item.State.RETURNED},
    "publish": {Item.State.DRAFT, Item.State.RETURNED, Item.State.SUBMITTED},
    "return": {Item.State.SUBMITTED},
    "repeal": {Item.State.PUBLISHED},
    "expire": {Item.State.PUBLISHED},
}


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    extra = 1
    fields = ["file", "sort_order", "content_type", "size"]
    readonly_fields = ["content_type", "size"]

    # Whoever may edit the item may manage its attachments (memberships, not model permissions).
    def has_view_permission(self, request, obj=None):
        return permissions.is_member(request.user, obj.organization_id) if obj else _is_catalog_staff(request.user)

    def has_add_permission(self, request, obj=None):
        return permissions.can_edit(request.user, obj) if obj else _is_catalog_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    form = ItemAdminForm
    inlines = [AttachmentInline]
    list_display = ["title", "organization", "category", "state", "validity", "published_on", "index_number", "timely"]
    list_filter = [
        ("organization", OwnOrganizationFilter),
        "category",
        "state",
        "validity",
        PublishedYearFilter,
        TimelinessFilter,
        "document_type",
    ]
    search_fields = ["title", "index_number", "document_number", "keywords"]
    list_select_related = ["organization", "category__parent"]
    date_hierarchy = None
    autocomplete_fields = ["related"]
    actions = ["publish_selected", "repeal_selected"]
    readonly_fields = ["index_number", "state", "validity", "validity_changed_on", "workflow_record", "preview_link"]
    fieldsets = [
        (None, {"fields": ["organization", "title", "summary", "docx_upload", "body"]}),
        (
            _("目录信息"),
            {
                "fields": [
                    ("category", "topic", "document_type"),
                    ("document_number", "keywords"),
                    ("written_on", "published_on"),
                    "source",
                    "related",
                ]
            },
        ),
        (_("状态"), {"fields": [("index_number", "state"), ("validity", "validity_changed_on"), "workflow_record"]}),
        (_("审核操作"), {"fields": ["workflow_reason", "workflow_date", "preview_link"]}),
    ]

    # Permissions come from memberships (editor / reviewer), not from Django's model permissions.
    def has_module_permission(self, request):
        return _is_catalog_staff(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return _is_catalog_staff(request.user)
        return permissions.is_member(request.user, obj.organization_id)

    def has_add_permission(self, request):
        return _is_catalog_staff(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return _is_catalog_staff(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        """Published items leave the public record only by repeal; drafts may be deleted by their organization."""
        if obj is None:
            return _is_catalog_staff(request.user)
        return not obj.is_published and permissions.can_edit(request.user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["queryset"] = Item.objects.for_staff(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The `related` autocomplete lists only items this user may see.
        return super().get_search_results(request, queryset.for_staff(request.user), search_term)

    @admin.display(description=_("按时发布"), boolean=True)
    def timely(self, item: Item) -> bool | None:
        if not item.is_published or not item.publication_due_on:
            return None
        return item.published_on <= item.publication_due_on

    @admin.display(description=_("流转记录"))
    def workflow_record(self, item: Item) -> str:
        parts = []
        for label, user, moment in [
            (gettext("提交"), item.submitted_by, item.submitted_at),
            (gettext("退回"), item.returned_by, item.returned_at),
            (gettext("审核发布"), item.reviewed_by, item.reviewed_at),
        ]:
            if moment:
                parts.append(f"{label}：{user or gettext('系统')} {timezone.localtime(moment):%Y-%m-%d %H:%M}")
        if item.return_reason:
            parts.append(gettext("退回理由：%(reason)s") % {"reason": item.return_reason})
        return "；".join(parts) or "—"

    @admin.display(description=_("预览"))
    def preview_link(self, item: Item) -> str:
        if not item.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', item.get_absolute_url(), _("预览公开页面")
        )

    def save_model(self, request, obj, form, change):
        save_item(obj, request.user)
        duplicates = obj.same_number_elsewhere()
        if duplicates.exists():
            messages.warning(
                request,
                gettext("提醒：本机关已有使用文号“%(number)s”的信息（%(title)s），请确认文号是否填写正确。")
                % {"number": obj.document_number, "title": duplicates.first().title},
            )

    def save_formset(self, request, form, formset, change):
        """Attachments go through the service, which checks them and tells the search index."""
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for attachment_form in formset.forms:
            data = getattr(attachment_form, "cleaned_data", {})
            instance = attachment_form.instance
            if data.get("DELETE") and instance.pk:
                remove_attachment(instance, request.user)
                formset.deleted_objects.append(instance)
            elif not instance.pk and data.get("file"):
                added = add_attachment(form.instance, data["file"], request.user, data.get("sort_order") or 0)
                formset.new_objects.append(added)
            elif instance.pk and attachment_form.has_changed():
                instance.save(update_fields=["sort_order"])
                formset.changed_objects.append((instance, attachment_form.changed_data))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "workflow_buttons": self._buttons(request, object_id)}
        return allow_rendered_importmaps(super().changeform_view(request, object_id, form_url, extra_context))

    def _buttons(self, request, object_id) -> list[tuple[str, str]]:
        item = self.get_object(request, object_id) if object_id else None
        if item is None:
            return [("submit", WORKFLOW["submit"][0])]
        buttons = []
        for name, (label, _call, needs) in WORKFLOW.items():
            allowed = permissions.can_review if needs == "review" else permissions.can_edit
            if item.state in STATES_FOR[name] and allowed(request.user, item):
                if name in ("repeal", "expire") and item.validity != Item.Validity.VALID:
                    continue
                buttons.append((name, label))
        return buttons

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, obj):
        """A workflow button saves the form first (nothing typed is lost), then runs the transition."""
        action = request.POST.get("_workflow")
        if action not in WORKFLOW:
            return None
        label, call, _needs = WORKFLOW[action]
        form_data = {
            "workflow_reason": request.POST.get("workflow_reason", ""),
            "workflow_date": _parse_date(request.POST.get("workflow_date")),
            "published_on": obj.published_on,
        }
        try:
            with transaction.atomic():
                call(obj, request.user, form_data)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, gettext("已完成：%(action)s。") % {"action": label})
        return HttpResponseRedirect(reverse("admin:catalog_item_change", args=[obj.pk]))

    @admin.action(description=_("发布所选信息（审核通过）"))
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, lambda item: publish_item(item, request.user), gettext("发布"))

    @admin.action(description=_("废止所选信息"))
    def repeal_selected(self, request, queryset):
        self._bulk(request, queryset, lambda item: repeal_item(item, request.user), gettext("废止"))

    def _bulk(self, request, queryset, call, verb: str) -> None:
        done, refused = 0, []
        for item in queryset.select_related("organization"):
            try:
                with transaction.atomic():
                    call(item)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"“{item.title}”：{_message(error)}")
        if done:
            messages.success(request, gettext("已%(verb)s %(count)d 条信息。") % {"verb": verb, "count": done})
        for reason in refused[:10]:
            messages.error(request, reason)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not (request.user.is_superuser or _is_reviewer(request.user)):
            actions.pop("publish_selected", None)
            actions.pop("repeal_selected", None)
        return actions


def _is_catalog_staff(user) -> bool:
    return user.is_active and user.is_staff and (user.is_superuser or Membership.objects.filter(user=user).exists())


def _is_reviewer(user) -> bool:
    return Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).exists()


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error) or gettext("您无权执行此操作。")


def _parse_date(value: str | None):
    from django.utils.dateparse import parse_date

    try:
        return parse_date(value or "")
    except ValueError:
        return None

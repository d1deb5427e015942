from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import permissions
from ..models import Attachment, Item, Organization
from ..services import ITEM_TRANSITIONS, add_attachment, remove_attachment, save_item
from .csp import allow_rendered_importmaps
from .filters import OwnOrganizationFilter, PublishedYearFilter, TimelinessFilter
from .forms import AttachmentInlineForm, ItemAdminForm
from .workflow import WorkflowAdminMixin, parse_day


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    extra = 1
    fields = ["file", "sort_order", "content_type", "size"]
    readonly_fields = ["content_type", "size"]

    # Whoever may edit the item may manage its attachments (memberships, not model permissions).
    def has_view_permission(self, request, obj=None):
        return (
            permissions.is_member(request.user, obj.organization_id)
            if obj
            else permissions.is_staff_member(request.user)
        )

    def has_add_permission(self, request, obj=None):
        return permissions.can_edit(request.user, obj) if obj else permissions.is_staff_member(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


@admin.register(Item)
class ItemAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    transitions = ITEM_TRANSITIONS
    bulk_transitions = ("publish", "repeal")
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
    autocomplete_fields = ["interprets", "related"]
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
                    "interprets",
                    "related",
                ]
            },
        ),
        (_("状态"), {"fields": [("index_number", "state"), ("validity", "validity_changed_on"), "workflow_record"]}),
        (_("审核操作"), {"fields": ["workflow_reason", "workflow_date", "preview_link"]}),
    ]

    # Permissions come from memberships (editor / reviewer), not from Django's model permissions.
    def has_module_permission(self, request):
        return permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        obj = self.current_row(obj)
        if obj is None:
            return permissions.is_staff_member(request.user)
        return permissions.is_member(request.user, obj.organization_id)

    def has_add_permission(self, request):
        return permissions.is_staff_member(request.user)

    def has_change_permission(self, request, obj=None):
        obj = self.current_row(obj)
        if obj is None:
            return permissions.is_staff_member(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        """Items that ever had an 索引号 leave the public record only by repeal; never-published drafts may be
        deleted by their organization. Decided on the current row."""
        if obj is None:
            return permissions.is_staff_member(request.user)
        return permissions.can_delete(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.index_number:
            fields.append("organization")  # its 索引号 names it for good (save_item)
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.for_user(request.user)
        if db_field.name == "interprets":
            kwargs["queryset"] = Item.objects.for_staff(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["queryset"] = Item.objects.for_staff(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The `interprets` and `related` autocompletes list only items this user may see.
        return super().get_search_results(request, queryset.for_staff(request.user), search_term)

    @admin.display(description=_("按时发布"), boolean=True)
    def timely(self, item: Item) -> bool | None:
        if not item.is_published or not item.publication_due_on:
            return None
        return item.published_on <= item.publication_due_on

    @admin.display(description=_("流转记录"))
    def workflow_record(self, item: Item) -> str:
        return self.review_trail(
            item,
            [
                (gettext("提交"), item.submitted_by, item.submitted_at),
                (gettext("退回"), item.returned_by, item.returned_at),
                (gettext("审核发布"), item.reviewed_by, item.reviewed_at),
            ],
        )

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
        return allow_rendered_importmaps(super().changeform_view(request, object_id, form_url, extra_context))

    def workflow_arguments(self, action: str, request, obj) -> dict:
        if action == "return":
            return {"reason": request.POST.get("workflow_reason", "")}
        if action in ("repeal", "expire"):
            return {"on": parse_day(request.POST.get("workflow_date"))}
        if action == "publish":
            return {"published_on": obj.published_on}
        return {}

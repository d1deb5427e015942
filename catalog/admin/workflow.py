"""What every admin of a reviewed object shares (items, guide editions): buttons, bulk actions and the
confirmation of irreversible steps read the object's transitions table; history pages only show.

A workflow button on the change form saves the form first (nothing typed is lost), then runs a harmless
step at once or, for an irreversible one, opens a page that says what will happen and asks once more.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext

from ..transitions import NotAllowedNow, Transition, offered


def parse_day(value: str | None):
    """A day typed as the admin's date fields take it (2025-06-01, 2025/06/01…); None when there is none."""
    try:
        return forms.DateField(required=False).clean(value)
    except ValidationError:
        return None


class ReadOnlyHistoryMixin:
    """History pages show past versions and never revert one: a revert would bring back old workflow fields
    (state, 索引号, dates, the publisher) past every check. Decisions use the current row, not the old copy."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def current_row(self, obj):
        """The object as it is now (a history page passes an old version of it)."""
        if obj is None or obj.pk is None:
            return obj
        return self.model._default_manager.filter(pk=obj.pk).first()


class WorkflowAdminMixin(ReadOnlyHistoryMixin):
    transitions: dict[str, Transition] = {}
    bulk_transitions: tuple[str, ...] = ()  # steps offered as bulk actions (they need no further input)
    change_form_template = "admin/workflow/change_form.html"

    # What each step takes from the request, by action: (request, obj) -> keyword arguments of the service.
    def workflow_arguments(self, action: str, request, obj) -> dict:
        return {}

    def _url_name(self, view: str) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{view}"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_workflow"
        view = self.admin_site.admin_view(self.workflow_view)
        return [path("<int:pk>/workflow/<slug:action>/", view, name=name), *super().get_urls()]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        steps = offered(self.transitions, obj, request.user) if obj else self._steps_for_new()
        extra_context = {
            **(extra_context or {}),
            "workflow_steps": [step for step in steps if not step.irreversible],
            "workflow_irreversible": [step for step in steps if step.irreversible],
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _steps_for_new(self) -> list[Transition]:
        """On the add form: the harmless steps from the initial state (checked again once saved)."""
        initial = self.model._meta.get_field("state").default
        return [step for step in self.transitions.values() if initial in step.states and not step.irreversible]

    def audit_notes(self, obj) -> list[str]:
        """What the history recorded beyond the fields, e.g. an approval without four eyes."""
        reasons = obj.history.exclude(history_change_reason__isnull=True).exclude(history_change_reason="")
        return list(reasons.order_by("history_date").values_list("history_change_reason", flat=True))

    def review_trail(self, obj, steps: list[tuple]) -> str:
        """Who took each step and when ((label, user, moment) each), the return reason and the audit notes."""
        parts = [
            f"{label}：{user or gettext('系统')} {timezone.localtime(moment):%Y-%m-%d %H:%M}"
            for label, user, moment in steps
            if moment
        ]
        if obj.return_reason:
            parts.append(gettext("退回理由：%(reason)s") % {"reason": obj.return_reason})
        if obj.pk:
            parts.extend(self.audit_notes(obj))
        return "；".join(parts) or "—"

    def _after_save(self, request, obj):
        transition = self.transitions.get(request.POST.get("_workflow", ""))
        if transition is None:
            return None
        if transition.irreversible:
            url = reverse(self._url_name("workflow"), args=[obj.pk, transition.action])
            return HttpResponseRedirect(url + _carry(request))
        self._run(request, obj, transition)
        return HttpResponseRedirect(reverse(self._url_name("change"), args=[obj.pk]))

    def _run(self, request, obj, transition: Transition) -> bool:
        try:
            with transaction.atomic():
                transition.perform(obj, by=request.user, **self.workflow_arguments(transition.action, request, obj))
        except NotAllowedNow as refusal:
            messages.error(request, str(refusal))
            return False
        messages.success(request, gettext("已完成：%(action)s。") % {"action": transition.label})
        return True

    def workflow_view(self, request, pk: int, action: str):
        """The page that says what an irreversible step will do and asks once more before doing it."""
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        transition = self.transitions.get(action)
        if transition is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("confirmed"):
            self._run(request, obj, transition)
            return HttpResponseRedirect(reverse(self._url_name("change"), args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "obj": obj,
            "transition": transition,
            "refusal": transition.refusal(obj, request.user),
            "workflow_date": request.GET.get("workflow_date", ""),
            "title": transition.label,
            "back_url": reverse(self._url_name("change"), args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/workflow/confirm.html", context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deletion is decided one object at a time, on its current row
        for action in self.bulk_transitions:
            transition = self.transitions[action]
            name = f"{action}_selected"
            description = gettext("%(action)s所选项目") % {"action": transition.label}
            actions[name] = (self._bulk_action(transition), name, description)
        return actions

    def _bulk_action(self, transition: Transition):
        def run(modeladmin, request, queryset):
            if transition.irreversible and not request.POST.get("confirmed"):
                return TemplateResponse(
                    request,
                    "admin/workflow/confirm_bulk.html",
                    {
                        **self.admin_site.each_context(request),
                        "opts": self.model._meta,
                        "objects": list(queryset),
                        "transition": transition,
                        "action_name": f"{transition.action}_selected",
                        "title": transition.label,
                    },
                )
            self._bulk(request, queryset, transition)
            return None

        return run

    def _bulk(self, request, queryset, transition: Transition) -> None:
        done, refused = 0, []
        for obj in queryset:
            try:
                with transaction.atomic():
                    transition.perform(obj, by=request.user)
                done += 1
            except NotAllowedNow as refusal:
                refused.append(f"“{obj}”：{refusal}")
        if done:
            messages.success(
                request, gettext("已%(action)s %(count)d 项。") % {"action": transition.label, "count": done}
            )
        for reason in refused[:10]:
            messages.error(request, reason)


def _carry(request) -> str:
    """The date typed on the change form, carried to the confirmation page."""
    day = parse_day(request.POST.get("workflow_date"))
    return f"?workflow_date={day.isoformat()}" if day else ""

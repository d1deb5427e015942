"""Forms only validate: the narrative is sanitised here, the draft is created by the services."""

from django import forms
from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Organization
from catalog.sanitize import clean_narrative

from .models import NARRATIVE_FIELDS, TYPED_FIGURES, AnnualReport


def narrative_widget() -> forms.Widget:
    """The catalog's rich-text editor when installed; a plain textarea (HTML) otherwise, which also works without JS."""
    if apps.is_installed("django_prose_editor"):
        from django_prose_editor.widgets import AdminProseEditorWidget

        config = {
            "extensions": {
                "Bold": True, "Italic": True, "Underline": True, "Heading": {"levels": [3, 4]},
                "BulletList": True, "OrderedList": True, "ListItem": True, "HardBreak": True,
                "History": True, "HTML": True,
            }
        }  # fmt: skip
        return AdminProseEditorWidget(config=config, preset="configurable")
    return forms.Textarea(attrs={"rows": 12, "cols": 100})


class AnnualReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = [
            "overview",
            "licensing_decisions",
            "penalty_decisions",
            "enforcement_decisions",
            "admin_fees_wan",
            "children_waiver",
            "problems",
            "other_matters",
            "correction_note",
        ]
        help_texts = {name: _("没有的请填0；不填写不能发布。") for name in TYPED_FIGURES}

    confirm_narrative = forms.BooleanField(
        label=_("已核对叙述中的数据"),
        required=False,
        help_text=_("勾选即确认：叙述中引用的数字已按当前统计表核对修改。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NARRATIVE_FIELDS:
            if name in self.fields:  # a published report's page is read-only: no fields at all
                self.fields[name].widget = narrative_widget()

    def _clean_narrative(self, name: str) -> str:
        return clean_narrative(self.cleaned_data.get(name) or "")

    def clean_overview(self) -> str:
        return self._clean_narrative("overview")

    def clean_problems(self) -> str:
        return self._clean_narrative("problems")

    def clean_other_matters(self) -> str:
        return self._clean_narrative("other_matters")

    def clean_admin_fees_wan(self):
        value = self.cleaned_data["admin_fees_wan"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("收费金额不能为负数。"))
        return value


class GenerateForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("报告机关"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("报告年度"), min_value=2008)
    consolidated = forms.BooleanField(
        label=_("汇总报告"), required=False, help_text=_("汇总本机关及其所有下级机关的数据（市、县政府使用）。")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.for_user(user)
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("报告年度不能晚于今年。"))
        return year

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        if cleaned.get("consolidated") and organization is not None and not organization.children.exists():
            self.add_error("consolidated", _("该机关没有下级机关，不能生成汇总报告。"))
        return cleaned

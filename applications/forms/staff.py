"""Staff forms: each validates one workflow step's input and hands the service its arguments (`arguments()`);
the services do the rest."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import DeliveryForm, DeliveryMethod, IdType, ReplyType
from ..deadlines import MAX_EXTENSION_WORKDAYS
from ..models import Application, Channel, Consultation, FeeNotice
from ..outcomes import Outcome, inconsistency, needs_reason, reply_types_for
from ..uploads import LEDGER, LETTER
from ..validators import canonical, validate_credit_code, validate_id_number

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WITHDRAWAL_WAYS = (_("书面申请"), _("网上申请"), _("电话"), _("当面"), _("电子邮件"), _("其他"))


class DayForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("说明（选填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天。"))
        return day

    def arguments(self) -> dict:
        """The service's keyword arguments (besides the application and `by`)."""
        return dict(self.cleaned_data)


class ConfirmForm(DayForm):
    pass


class LetterMixin(forms.Form):
    letter = forms.FileField(label=_("文书（选填）"), required=False, validators=[LETTER], help_text=LETTER.help_text())


class CorrectionRequestForm(LetterMixin, DayForm):
    note = forms.CharField(
        label=_("需要补正的事项"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("一次性写明需要补正的全部事项，申请人将在邮件和查询页面看到这段说明。"),
    )
    period_days = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=60, initial=10)


class ConsultForm(LetterMixin, DayForm):
    note = None
    party = forms.ChoiceField(label=_("征求对象类型"), choices=Consultation.Party.choices)
    party_name = forms.CharField(label=_("征求对象"), max_length=200)


class OpinionForm(DayForm):
    consultation = forms.ModelChoiceField(label=_("征求意见"), queryset=Consultation.objects.none())

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = application.consultations.filter(opinion_received_on__isnull=True)


class ExtendForm(LetterMixin, DayForm):
    note = None
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_WORKDAYS)
    approved_by = forms.CharField(label=_("批准人（政府信息公开工作机构负责人）"), max_length=100)


class FeeForm(LetterMixin, DayForm):
    note = None
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeNotice.Method.choices, widget=forms.RadioSelect)
    pages = forms.IntegerField(
        label=_("页数"), min_value=1, required=False, help_text=_("仅按量计收时填写；按件计收按本月申请件数计算。")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == FeeNotice.Method.PER_PAGE and not cleaned.get("pages"):
            self.add_error("pages", _("按量计收时请填写页数。"))
        if cleaned.get("method") == FeeNotice.Method.PER_APPLICATION and cleaned.get("pages"):
            self.add_error("pages", _("按件计收时不填页数：两种方式不能同时使用。"))
        return cleaned


class WithdrawForm(DayForm):
    on = forms.DateField(label=_("申请人提出撤回的日期"), widget=DATE_WIDGET)
    via = forms.ChoiceField(label=_("申请人撤回的方式"), choices=[(c, c) for c in WITHDRAWAL_WAYS])
    note = forms.CharField(label=_("说明（选填）"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def outcome_choices() -> list:
    """The national outcome list, grouped as the annual report groups it."""
    groups: dict[str, list] = {}
    for outcome in Outcome:
        groups.setdefault(outcome.group, []).append((outcome.value, outcome.sub_item or outcome.label))
    return [("", "—"), *groups.items()]


class ReplyForm(DayForm):
    """One answer, one meaning: the outcome is asked once; the kind of reply follows from it (or, where the law
    allows two, is chosen among those), and 部分公开 and every refusal carry their reasons."""

    note = None
    outcome = forms.ChoiceField(label=_("办理结果（年度报告统计口径）"), choices=outcome_choices)
    reply_type = forms.ChoiceField(
        label=_("答复类型"),
        choices=[("", _("按办理结果确定")), *ReplyType.choices],
        required=False,
        help_text=_("予以公开可选“已主动公开”或“予以提供”；本机关不掌握可选“经检索没有”或“告知负责机关”。"),
    )
    reason = forms.CharField(
        label=_("理由和依据"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("部分公开、不予公开、无法提供、不予处理时必填，写入答复书。"),
    )
    letter = forms.FileField(
        label=_("答复书（选填）"),
        required=False,
        validators=[LETTER],
        help_text=LETTER.help_text(_("不上传时按模板生成答复书，并自动编定文号。")),
    )
    body = forms.CharField(
        label=_("答复书补充内容（按模板生成时使用）"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        cleaned = super().clean()
        outcome, reply_type = cleaned.get("outcome"), cleaned.get("reply_type")
        if not outcome:
            return cleaned
        if reply_type:
            problem = inconsistency(outcome, reply_type)
            if problem:
                self.add_error("reply_type", problem)
        else:
            cleaned["reply_type"] = reply_types_for(outcome)[0]
        if needs_reason(outcome) and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("“%(outcome)s”须写明理由和依据。") % {"outcome": Outcome(outcome).label})
        return cleaned


class OfflineApplicationForm(forms.ModelForm):
    """An application handed in, posted or faxed, entered by staff with its receipt day."""

    channel = forms.ChoiceField(label=_("申请方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label=_("收到申请日期"), widget=DATE_WIDGET)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=[("", "—"), *IdType.choices], required=False)
    delivery_form = forms.ChoiceField(
        label=_("获取信息的方式"), choices=[("", "—"), *DeliveryForm.choices], required=False
    )
    delivery_method = forms.ChoiceField(
        label=_("获取信息的途径"), choices=[("", "—"), *DeliveryMethod.choices], required=False
    )

    class Meta:
        model = Application
        fields = [
            "organization",
            "channel",
            "received_on",
            "applicant_type",
            "applicant_name",
            "id_type",
            "id_number",
            "work_unit",
            "credit_code",
            "legal_representative",
            "contact_name",
            "phone",
            "email",
            "address",
            "postcode",
            "identity_proof",
            "info_title",
            "info_document_number",
            "info_description",
            "info_index_number",
            "delivery_form",
            "delivery_method",
        ]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["info_title"].required = True

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("收到日期不能晚于今天。"))
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("id_type") == IdType.RESIDENT_ID and cleaned.get("id_number"):
            cleaned["id_number"] = canonical(cleaned["id_number"])
            try:
                validate_id_number(cleaned["id_number"])
            except forms.ValidationError as error:
                self.add_error("id_number", error)
        if cleaned.get("credit_code"):
            cleaned["credit_code"] = canonical(cleaned["credit_code"])
            try:
                validate_credit_code(cleaned["credit_code"])
            except forms.ValidationError as error:
                self.add_error("credit_code", error)
        return cleaned

    def application_fields(self) -> dict:
        skip = {"organization", "channel", "received_on", "identity_proof"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.csv 或 .xlsx）"), validators=[LEDGER], help_text=LEDGER.help_text())

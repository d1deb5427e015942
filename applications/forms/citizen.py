"""The public forms: apply, pick an organization, look an application up."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from catalog.models import Item, Organization
from disclosure_portal.submissions import OneTimeSubmission

from ..choices import DeliveryForm, DeliveryMethod, IdType
from ..models import ApplicantType
from ..services.numbers import canonical_number
from ..uploads import CORRECTION, IDENTITY_PROOF
from ..validators import canonical, validate_credit_code, validate_id_number

TIMING_SALT = "applications.form-timing"

NATURAL_REQUIRED = ("applicant_name", "id_type", "id_number", "phone")
ORGANIZATION_REQUIRED = ("org_name", "credit_code", "legal_representative", "contact_name", "contact_phone")


def min_seconds() -> float:
    """Forms sent faster than a person can fill them in are taken for bots."""
    return settings.APPLICATIONS_MIN_FORM_SECONDS


def timing_token() -> str:
    return signing.dumps(time.time(), salt=TIMING_SALT)


class TypedCodeField(forms.RegexField):
    """A code typed with any input method: full-width digits are the ASCII ones they look like (`canonical`)."""

    def to_python(self, value):
        return canonical(super().to_python(value))


class OrganizationPickForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("受理机关"), queryset=Organization.objects.all(), empty_label=_("请选择受理机关")
    )


class ApplyForm(OneTimeSubmission, forms.Form):
    """Art. 29: who applies, what is wanted and in what form. No 用途 field: the 2019 Regulation dropped it."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect)
    # 自然人
    applicant_name = forms.CharField(label=_("姓名"), max_length=200, required=False)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices, required=False)
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False)
    work_unit = forms.CharField(label=_("工作单位（选填）"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    postcode = TypedCodeField(
        label=_("邮政编码"), regex=r"^[0-9]{6}$", required=False, error_messages={"invalid": _("邮政编码应为6位数字。")}
    )
    # 法人或其他组织
    org_name = forms.CharField(label=_("名称"), max_length=200, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    legal_representative = forms.CharField(label=_("法定代表人"), max_length=100, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("联系人电话"), max_length=40, required=False)
    # Both
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, help_text=_("填写后，受理编号和查询码将同时发送到该邮箱。")
    )
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    identity_proof = forms.FileField(
        label=_("身份证明（选填）"),
        required=False,
        help_text=IDENTITY_PROOF.help_text(),
        validators=[IDENTITY_PROOF],
    )
    # The information wanted
    info_title = forms.CharField(label=_("所需信息名称"), max_length=500)
    info_document_number = forms.CharField(label=_("文号（选填）"), max_length=100, required=False)
    info_description = forms.CharField(
        label=_("所需信息的特征性描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("例如信息的制作机关、大致时间、内容范围，便于查找。"),
    )
    info_index_number = forms.CharField(
        label=_("索引号（选填）"), max_length=60, required=False, help_text=_("所需信息已在公开目录中时可填写。")
    )
    delivery_form = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryForm.choices, widget=forms.RadioSelect)
    delivery_method = forms.ChoiceField(
        label=_("获取信息的途径"), choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("我同意本机关为办理本申请处理上述个人信息"),
        error_messages={"required": _("请勾选同意处理个人信息，否则无法办理申请。")},
    )
    # Against bots, with no CAPTCHA: a field people never see and a signed render time.
    website = forms.CharField(label=_("请勿填写此项"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if not self.is_bound:
            self.initial.setdefault("started", timing_token())
            self.initial.setdefault("applicant_type", ApplicantType.NATURAL_PERSON)
            self.initial.setdefault("id_type", IdType.RESIDENT_ID)

    @property
    def is_natural_person(self) -> bool:
        return self.cleaned_data.get("applicant_type") == ApplicantType.NATURAL_PERSON

    def is_bot(self) -> bool:
        """Filled the honeypot, or came back faster than a person could type (or with no token)."""
        if self.data.get("website"):
            return True
        try:
            started = signing.loads(self.data.get("started", ""), salt=TIMING_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            return True
        return time.time() - float(started) < min_seconds()

    def clean_credit_code(self) -> str:
        return canonical(self.cleaned_data["credit_code"])

    def clean_id_number(self) -> str:
        return canonical(self.cleaned_data["id_number"])

    def clean_info_index_number(self) -> str:
        number = self.cleaned_data["info_index_number"].strip()
        if number and not Item.objects.published().filter(index_number=number).exists():
            raise forms.ValidationError(_("公开目录中没有这个索引号，请核对或留空。"))
        return number

    def clean(self):
        cleaned = super().clean()
        required = NATURAL_REQUIRED if self.is_natural_person else ORGANIZATION_REQUIRED
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("请填写此项。"))
        if self.is_natural_person:
            if cleaned.get("id_type") == IdType.RESIDENT_ID and cleaned.get("id_number"):
                self._validate(validate_id_number, "id_number")
        elif cleaned.get("credit_code"):
            self._validate(validate_credit_code, "credit_code")
        if not cleaned.get("address") and cleaned.get("delivery_method") in (
            DeliveryMethod.POST,
            DeliveryMethod.EXPRESS,
        ):
            self.add_error("address", _("选择邮寄或快递时，请填写通信地址。"))
        if not cleaned.get("email") and cleaned.get("delivery_method") == DeliveryMethod.EMAIL:
            self.add_error("email", _("选择电子邮件获取时，请填写电子邮箱。"))
        return cleaned

    def _validate(self, validator, name: str) -> None:
        try:
            validator(self.cleaned_data[name])
        except forms.ValidationError as error:
            self.add_error(name, error)

    def application_fields(self) -> dict:
        """The model fields of the application, only those of the chosen applicant type."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "applicant_type",
                "email",
                "address",
                "info_title",
                "info_document_number",
                "info_description",
                "info_index_number",
                "delivery_form",
                "delivery_method",
            )
        }
        if self.is_natural_person:
            fields.update(
                {name: data[name] for name in ("applicant_name", "id_type", "id_number", "work_unit", "phone")}
            )
            fields["postcode"] = data["postcode"]
        else:
            fields.update(
                applicant_name=data["org_name"],
                credit_code=data["credit_code"],
                legal_representative=data["legal_representative"],
                contact_name=data["contact_name"],
                phone=data["contact_phone"],
            )
        return fields


class LookupForm(forms.Form):
    """Forgives typing: the number is read whatever its case, spaces, full-width characters or dashes."""

    number = forms.CharField(
        label=_("受理编号"), max_length=60, help_text=_("例如 YSQ2026-0003-00012，大小写、空格和短横线均可省略。")
    )
    code = forms.CharField(label=_("查询码"), max_length=40, widget=forms.PasswordInput(render_value=True))

    def clean_number(self):
        number = canonical_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(_("受理编号的格式不对，应为字母和数字，例如 YSQ2026-0003-00012。"))
        return number


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the field's validators (its upload policy)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(upload, initial) for upload in data if upload] or None
        return super().clean(data, initial)


class CorrectionForm(forms.Form):
    """The applicant's answer to a 补正 request, handed in from the lookup page."""

    MAX_FILES = 5
    text = forms.CharField(
        label=_("补正内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("按补正告知的要求逐项说明。"),
    )
    files = MultipleFileField(
        label=_("补正材料（选填）"),
        required=False,
        validators=[CORRECTION],
        help_text=CORRECTION.help_text(_("可以选择多个文件，最多5个。")),
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        files = files if isinstance(files, list) else [files]
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(_("补正材料最多5个文件。"))
        return files

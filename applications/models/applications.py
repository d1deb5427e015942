from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import Organization

from ..choices import DeliveryForm, DeliveryMethod, label_for
from ..outcomes import Outcome
from ..uploads import IDENTITY_FOLDER, IDENTITY_PROOF, LETTER, LETTER_FOLDER, REPLY_FOLDER


class ApplicantType(models.TextChoices):
    """The annual report's columns, in its order."""

    NATURAL_PERSON = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    ONLINE = "online", _("网络")
    IN_PERSON = "in_person", _("当面")
    MAIL = "mail", _("邮寄")
    FAX = "fax", _("传真")
    OTHER = "other", _("其他")


class ApplicationQuerySet(models.QuerySet):
    def for_staff(self, user) -> "ApplicationQuerySet":
        """Applications a staff user may see: those of her organizations."""
        if user.is_superuser:
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))


class Application(models.Model):
    """A 政府信息公开申请 (Art. 29) and the dates its legal clock runs on."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待确认受理")
        RECEIVED = "received", _("办理中")
        AWAITING_CORRECTION = "correction", _("待补正")
        CONSULTING = "consulting", _("征求意见中")
        AWAITING_PAYMENT = "payment", _("待缴费")
        REPLIED = "replied", _("已答复")
        WITHDRAWN = "withdrawn", _("已撤回")
        ABANDONED = "abandoned", _("视为放弃")

    organization = models.ForeignKey(
        Organization, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField(_("受理编号"), max_length=40, unique=True)
    lookup_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    # The one-time submission token's digest (disclosure_portal.submissions): the same form sent twice files once.
    submission_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)
    channel = models.CharField(_("申请方式"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.SUBMITTED, db_index=True)

    # The applicant (Art. 29 (一)).
    applicant_type = models.CharField(
        _("申请人类型"), max_length=12, choices=ApplicantType.choices, default=ApplicantType.NATURAL_PERSON
    )
    applicant_name = models.CharField(_("姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=20, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    work_unit = models.CharField(_("工作单位"), max_length=200, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    identity_proof = models.FileField(
        _("身份证明"), upload_to=IDENTITY_FOLDER, blank=True, max_length=300, validators=[IDENTITY_PROOF]
    )

    # The information wanted (Art. 29 (二)) and its form (Art. 29 (三)).
    info_title = models.CharField(_("所需信息名称"), max_length=500, blank=True)
    info_document_number = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("所需信息的特征性描述"), blank=True)
    info_index_number = models.CharField(_("索引号"), max_length=60, blank=True)
    delivery_form = models.CharField(_("获取信息的方式"), max_length=20, blank=True)
    delivery_method = models.CharField(_("获取信息的途径"), max_length=20, blank=True)

    # The clock (domain.md section 3). Overdue is computed from these, never stored.
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, db_index=True)
    correction_requested_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_period_days = models.PositiveSmallIntegerField(_("补正期限（工作日）"), null=True, blank=True)
    correction_received_on = models.DateField(_("补正收到日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), default=0)
    extension_approved_by = models.CharField(_("延期批准人"), max_length=100, blank=True)
    extension_notified_on = models.DateField(_("延期告知日期"), null=True, blank=True)

    # The conclusion: a reply (Art. 36), a withdrawal or an abandonment.
    concluded_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=4, choices=Outcome.choices, blank=True)
    reply_type = models.CharField(_("答复类型"), max_length=30, blank=True)
    reply_reason = models.TextField(_("理由和依据"), blank=True)
    letter_number = models.CharField(_("答复书文号"), max_length=100, blank=True)
    withdrawn_via = models.CharField(_("撤回申请的方式"), max_length=20, blank=True)
    reply_letter = models.FileField(
        _("答复书"), upload_to=REPLY_FOLDER, blank=True, max_length=300, validators=[LETTER]
    )

    flagged_duplicate = models.BooleanField(_("疑似重复申请"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "state"], name="application_org_state")]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")

    def __str__(self) -> str:
        return self.number

    @property
    def delivery_display(self) -> str:
        return f"{label_for(DeliveryForm, self.delivery_form)} / {label_for(DeliveryMethod, self.delivery_method)}"

    @property
    def addressee(self) -> str:
        """How letters address the applicant: 您 for a person, 贵单位 for an organization."""
        return _("您") if self.applicant_type == ApplicantType.NATURAL_PERSON else _("贵单位")


class LetterCounter(models.Model):
    """The last reply-letter serial (答复书文号) handed out per organization and year; locked when replying."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="unique_letter_counter")]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last_serial}"


class Consultation(models.Model):
    """征求第三方或其他机关意见 (Art. 32, 34): the clock stops while it runs."""

    class Party(models.TextChoices):
        THIRD_PARTY = "third_party", _("第三方")
        OTHER_AGENCY = "agency", _("其他机关")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    party = models.CharField(_("征求对象类型"), max_length=12, choices=Party.choices)
    party_name = models.CharField(_("征求对象"), max_length=200, blank=True)
    sent_on = models.DateField(_("征求意见日期"))
    opinion_received_on = models.DateField(_("意见收到日期"), null=True, blank=True)
    letter = models.FileField(_("征求意见书"), upload_to=LETTER_FOLDER, blank=True, max_length=300, validators=[LETTER])

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return f"{self.get_party_display()} {self.party_name} {self.sent_on}"


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): the clock stops from the notice until payment."""

    class Method(models.TextChoices):
        PER_APPLICATION = "per_application", _("按件计收")
        PER_PAGE = "per_page", _("按量计收")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField(_("计收方式"), max_length=16, choices=Method.choices)
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    amount = models.DecimalField(_("收费金额（元）"), max_digits=10, decimal_places=2)
    notified_on = models.DateField(_("收费通知日期"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    letter = models.FileField(_("收费通知书"), upload_to=LETTER_FOLDER, blank=True, max_length=300, validators=[LETTER])

    class Meta:
        ordering = ["notified_on", "pk"]
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount} {self.notified_on}"


class ApplicationEvent(models.Model):
    """One step of the workflow, with who, when and the letter sent: the audit trail."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交申请")
        RECEIVED = "received", _("确认受理")
        CORRECTION_REQUESTED = "correction_requested", _("补正告知")
        CORRECTION_RECEIVED = "correction_received", _("补正收到")
        CONSULTATION_SENT = "consultation_sent", _("征求意见")
        OPINION_RECEIVED = "opinion_received", _("意见收到")
        EXTENDED = "extended", _("延期答复")
        FEE_NOTIFIED = "fee_notified", _("收费通知")
        FEE_PAID = "fee_paid", _("缴费")
        REPLIED = "replied", _("答复")
        WITHDRAWN = "withdrawn", _("撤回")
        ABANDONED = "abandoned", _("视为放弃")
        NOTE = "note", _("备注")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=24, choices=Kind.choices)
    happened_on = models.DateField(_("日期"))
    # The staff member who did it (none for the applicant and system jobs); the column keeps its first name.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_column="actor_id",
    )
    note = models.TextField(_("说明"), blank=True)
    letter = models.FileField(_("文书"), upload_to=LETTER_FOLDER, blank=True, max_length=300, validators=[LETTER])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"

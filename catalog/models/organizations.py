from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_REPLY_NUMBER_PATTERN = "{机关}依申请公开〔{年}〕{号}号"
REPLY_NUMBER_FIELDS = ("{机关}", "{年}", "{号}")


def validate_reply_number_pattern(pattern: str) -> None:
    if "{号}" not in pattern:
        raise ValidationError(_("文号格式必须包含序号{号}。"))


class OrganizationQuerySet(models.QuerySet):
    def portal_root(self) -> "Organization | None":
        """The organization the portal belongs to: the first one without a parent."""
        return self.filter(parent__isnull=True).order_by("sort_order", "pk").first()

    def for_user(self, user) -> "OrganizationQuerySet":
        """Organizations whose work a staff user may see: all for a site administrator."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Organization(models.Model):
    """A 行政机关: a city or county government, a department or a street office."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    code = models.CharField(
        _("机构代码"),
        max_length=30,
        unique=True,
        help_text=_("索引号的前段码，通常是组织机构代码或统一社会信用代码。"),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级机关"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("互联网联系方式"), blank=True)
    requires_four_eyes = models.BooleanField(
        _("双人审核"),
        default=True,
        help_text=_("审核通过信息、公开指南和年度报告的人不得是起草或提交它的人。只有一名工作人员的机关可以关闭。"),
    )
    # The reply letter (答复书): its 文号 and the remedy clause naming where to appeal.
    reply_number_pattern = models.CharField(
        _("答复书文号格式"),
        max_length=100,
        default=DEFAULT_REPLY_NUMBER_PATTERN,
        help_text=_(
            "{机关}为简称，{年}为答复年份，{号}为本机关当年的答复书序号，例如：{机关}依申请公开〔{年}〕{号}号。"
        ),
        validators=[validate_reply_number_pattern],
    )
    review_body = models.CharField(
        _("行政复议机关"), max_length=100, blank=True, help_text=_("答复书告知申请人可以向其申请行政复议的机关。")
    )
    court = models.CharField(
        _("管辖人民法院"), max_length=100, blank=True, help_text=_("答复书告知申请人可以向其提起行政诉讼的人民法院。")
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("行政机关")
        verbose_name_plural = _("行政机关")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def reply_number(self, year: int, serial: int) -> str:
        """The 文号 of a reply letter, e.g. 市教育局依申请公开〔2026〕7号."""
        values = {"{机关}": self.display_name, "{年}": str(year), "{号}": str(serial)}
        number = self.reply_number_pattern or DEFAULT_REPLY_NUMBER_PATTERN
        for placeholder, value in values.items():
            number = number.replace(placeholder, value)
        return number

    def descendant_ids(self) -> list[int]:
        """This organization and every organization below it (one query per level)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return ids


class Membership(models.Model):
    """A staff user's role in an organization: 信息员 drafts, 审核人 reviews and publishes."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("信息员")
        REVIEWER = "reviewer", _("审核人")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")]
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

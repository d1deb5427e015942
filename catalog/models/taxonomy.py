from django.db import models
from django.utils.translation import gettext_lazy as _


class TreeNode(models.Model):
    """A node of a small, staff-edited tree (categories, topics)."""

    name = models.CharField(_("名称"), max_length=60)
    slug = models.SlugField(_("英文标识"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    path_separator = "\\"

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.path_name

    def descendant_ids(self) -> list[int]:
        """This node and every node below it (one query per level; the trees are shallow)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(type(self).objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return ids

    @property
    def path_name(self) -> str:
        return f"{self.parent.name}{self.path_separator}{self.name}" if self.parent_id else self.name


class Category(TreeNode):
    """信息分类: the Regulation's Art. 20 list plus the columns offices publish in."""

    path_separator = " > "  # 主题分类 keeps the national notation 综合政务\\政务公开; categories read as a path

    # 网站自查 (site_check): how often the column must get a new item; empty takes the default of its kind.
    update_every_days = models.PositiveIntegerField(
        _("更新周期（天）"),
        null=True,
        blank=True,
        help_text=_(
            "网站自查按此周期检查栏目是否及时更新。留空时：动态、要闻类栏目2周，通知公告、政策文件类6个月，其他栏目只检查是否空白。"
        ),
    )

    class Meta(TreeNode.Meta):
        verbose_name = _("信息分类")
        verbose_name_plural = _("信息分类")


class Topic(TreeNode):
    """主题分类, e.g. 综合政务\\政务公开."""

    class Meta(TreeNode.Meta):
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")


class DocumentType(models.Model):
    """文种. The annual report counts the 规章 and 行政规范性文件 kinds."""

    class ReportKind(models.TextChoices):
        RULE = "rule", _("规章")
        NORMATIVE = "normative", _("行政规范性文件")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=40, unique=True)
    report_kind = models.CharField(
        _("年报统计口径"), max_length=10, choices=ReportKind.choices, default=ReportKind.OTHER
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("文种")
        verbose_name_plural = _("文种")

    def __str__(self) -> str:
        return self.name

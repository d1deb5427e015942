"""Seed the default taxonomy: categories (Art. 20 plus the usual columns), topics, document types.

Slugs are fixed: other apps look categories up by them (e.g. `annual-report`).
"""

from django.db import migrations

CATEGORIES = [
    # (slug, name, parent slug)
    ("rules-and-documents", "规章和规范性文件", None),
    ("institution", "机构职能", None),
    ("plans", "规划计划", None),
    ("statistics", "统计信息", None),
    ("licensing", "行政许可和其他对外管理服务事项", None),
    ("penalties", "行政处罚、行政强制", None),
    ("budget", "财政预算、决算", None),
    ("fees", "行政事业性收费", None),
    ("procurement", "政府集中采购", None),
    ("major-projects", "重大建设项目", None),
    ("livelihood", "扶贫、教育、医疗、社会保障、促进就业", None),
    ("emergency", "突发公共事件应急", None),
    ("supervision", "环境保护、公共卫生、安全生产、食品药品、产品质量监督检查", None),
    ("civil-service-exams", "公务员招考", None),
    ("work-news", "工作动态", None),
    ("notices", "通知公告", None),
    ("personnel", "人事信息", None),
    ("policy-interpretation", "政策解读", None),
    ("annual-report", "年度报告", None),
    ("other", "其他", None),
    # A few second-level columns, as offices commonly use them.
    ("rules", "规章", "rules-and-documents"),
    ("normative-documents", "行政规范性文件", "rules-and-documents"),
    ("other-documents", "其他文件", "rules-and-documents"),
    ("budget-reports", "部门预算", "budget"),
    ("final-accounts", "部门决算", "budget"),
]

TOPICS = [
    ("general", "综合政务", None),
    ("general-openness", "政务公开", "general"),
    ("general-supervision", "政务督查", "general"),
    ("general-emergency", "应急管理", "general"),
    ("general-other", "其他", "general"),
    ("economy", "国民经济管理、国有资产监管", None),
    ("economy-planning", "发展规划", "economy"),
    ("economy-statistics", "统计", "economy"),
    ("finance", "财政、金融、审计", None),
    ("finance-budget", "财政", "finance"),
    ("finance-audit", "审计", "finance"),
    ("land", "国土资源、能源", None),
    ("agriculture", "农业、林业、水利", None),
    ("industry", "工业、交通", None),
    ("commerce", "商贸、海关、旅游", None),
    ("market", "市场监管、安全生产监管", None),
    ("market-food", "食品药品监管", "market"),
    ("market-safety", "安全生产监管", "market"),
    ("urban", "城乡建设、环境保护", None),
    ("urban-construction", "城乡建设（含住房）", "urban"),
    ("urban-environment", "环境监测、保护与治理", "urban"),
    ("science", "科技、教育", None),
    ("science-education", "教育", "science"),
    ("culture", "文化、广电、新闻出版", None),
    ("health", "卫生、体育", None),
    ("health-public", "卫生", "health"),
    ("population", "人口与计划生育、妇女儿童工作", None),
    ("labour", "劳动、人事、监察", None),
    ("labour-employment", "就业", "labour"),
    ("labour-personnel", "人事工作", "labour"),
    ("public-security", "公安、安全、司法", None),
    ("civil-affairs", "民政、扶贫、救灾", None),
    ("civil-affairs-social", "社会福利", "civil-affairs"),
    ("civil-affairs-grassroots", "基层政权和社区建设", "civil-affairs"),
    ("other", "其他", None),
]

DOCUMENT_TYPES = [
    # (name, report kind)
    ("规章", "rule"),
    ("行政规范性文件", "normative"),
    ("其他文件", "other"),
    ("通知", "other"),
    ("公告", "other"),
    ("意见", "other"),
    ("方案", "other"),
    ("报告", "other"),
    ("解读", "other"),
]


def _seed_tree(model, rows):
    by_slug = {}
    for order, (slug, name, parent_slug) in enumerate(rows):
        node, _ = model.objects.get_or_create(
            slug=slug, defaults={"name": name, "parent": by_slug.get(parent_slug), "sort_order": order * 10}
        )
        by_slug[slug] = node


def seed(apps, schema_editor):
    _seed_tree(apps.get_model("catalog", "Category"), CATEGORIES)
    _seed_tree(apps.get_model("catalog", "Topic"), TOPICS)
    DocumentType = apps.get_model("catalog", "DocumentType")
    for order, (name, kind) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(name=name, defaults={"report_kind": kind, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_seed_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

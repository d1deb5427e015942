"""Demo content for a first run (`manage.py load_demo`); safe to run twice.

An invented city, 云溪市, with four departments and a street office, each with contact details,
staff, a guide edition and a few dozen items across categories and the years 2023–2026.
"""

import io
import random
from datetime import date, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from .models import Category, DocumentType, GuideEdition, Item, Membership, Organization, Topic
from .services import add_attachment, publish_item, repeal_item, save_item
from .workdays import current_calendar

DEMO_PASSWORD = "demo-portal-2026"

CITY = {
    "name": "云溪市人民政府",
    "short_name": "云溪市",
    "code": "11330900DEMO00001",
    "office_name": "云溪市人民政府办公室（政务公开科）",
    "address": "云溪市滨江大道1号市政府大楼3楼",
    "phone": "0570-8000100",
    "fax": "0570-8000101",
    "postcode": "324000",
    "email": "gk@yunxi.example.gov.cn",
}
DEPARTMENTS = [
    # (slug, name, short name, code suffix, office, street address, phone suffix)
    ("edu", "云溪市教育局", "市教育局", "02", "局办公室", "云溪市学府路18号", "201"),
    ("civil", "云溪市民政局", "市民政局", "03", "局办公室", "云溪市和平街66号", "301"),
    ("hrss", "云溪市人力资源和社会保障局", "市人力社保局", "04", "政策法规科", "云溪市西安路9号", "401"),
    ("eco", "云溪市生态环境局", "市生态环境局", "05", "综合科", "云溪市环湖北路120号", "501"),
    ("street", "云溪市滨江街道办事处", "滨江街道", "06", "党政办公室", "云溪市滨江大道208号", "601"),
]
OFFICE_HOURS = "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）"

# Titles per category slug; "{org}" is the organization's short name, "{year}" the year.
TITLES = {
    "work-news": [
        "{org}召开{year}年政务公开工作推进会",
        "{org}开展“办事不求人”窗口服务体验活动",
        "{org}组织学习新修订的政府信息公开条例",
        "{org}赴基层调研民生实事项目进展",
        "{org}举行{year}年第二季度安全生产检查",
    ],
    "notices": [
        "{org}关于{year}年端午节假期值班安排的公告",
        "{org}关于办公地点临时调整的通知",
        "{org}关于征集{year}年民生实事项目建议的公告",
    ],
    "plans": ["{org}{year}年工作要点", "{org}{year}年政务公开工作要点"],
    "budget-reports": ["{org}{year}年部门预算公开说明"],
    "final-accounts": ["{org}{year}年部门决算公开说明"],
    "personnel": ["{org}关于{year}年公开招聘编外工作人员的公示"],
    "licensing": ["{org}政务服务事项办事指南（{year}年版）"],
}
RULE_TITLES = [
    ("云溪市{subject}管理办法", "规章", "云溪市人民政府令第{n}号"),
    ("{org}关于进一步规范{subject}的通知", "行政规范性文件", "云{abbr}规〔{year}〕{n}号"),
]
SUBJECTS = {
    "edu": ["校外培训机构", "中小学校服采购", "学前教育补助资金"],
    "civil": ["养老服务补贴", "社区社会组织登记", "最低生活保障审核"],
    "hrss": ["就业见习补贴", "技能人才评价", "劳动保障监察"],
    "eco": ["建设项目环境影响评价", "餐饮油烟污染防治", "农村生活污水治理"],
    "street": ["社区网格化服务", "老旧小区加装电梯", "辖区停车秩序"],
    "city": ["政府信息公开工作", "重大行政决策程序", "行政规范性文件管理"],
}
ABBR = {"city": "政", "edu": "教", "civil": "民", "hrss": "人社", "eco": "环", "street": "滨街"}
PARAGRAPHS = [
    "为深入贯彻落实政府信息公开条例，进一步提升政务公开工作质量，结合本单位工作实际，现将有关事项说明如下。",
    "各科室要切实履行职责，明确专人负责，按照“谁制作、谁公开，谁获取、谁公开”的原则做好信息发布前的保密审查。",
    "对涉及群众切身利益的事项，要通过门户网站、政务新媒体和公开栏等渠道及时公开，方便群众查询和监督。",
    "工作中遇到的问题，请及时与办公室联系。办公室将定期汇总情况，对落实不到位的单位予以通报。",
    "本文件自发布之日起施行，由本单位负责解释。",
]


def load() -> None:
    _calendar.cache_clear()
    with transaction.atomic():
        city = _organization(CITY)
        organizations = [city]
        _staff("city", city)
        if not city.items.exists():
            _items("city", city, random.Random("city"))
        for slug, name, short, suffix, office, address, phone in DEPARTMENTS:
            org = _organization(
                {
                    "name": name,
                    "short_name": short,
                    "code": f"11330900DEMO000{suffix}",
                    "parent": city,
                    "office_name": office,
                    "address": address,
                    "phone": f"0570-8000{phone}",
                    "fax": f"0570-8000{int(phone) + 1}",
                    "postcode": "324000",
                    "email": f"{slug}@yunxi.example.gov.cn",
                    "sort_order": int(suffix) * 10,
                }
            )
            organizations.append(org)
            _staff(slug, org)
            if not org.items.exists():
                _items(slug, org, random.Random(suffix))
        for org in organizations:
            _guide(org)


def _organization(fields: dict) -> Organization:
    defaults = {"office_hours": OFFICE_HOURS, **{k: v for k, v in fields.items() if k != "code"}}
    org, _ = Organization.objects.get_or_create(code=fields["code"], defaults=defaults)
    return org


def _staff(slug: str, org: Organization) -> None:
    for role in (Membership.Role.EDITOR, Membership.Role.REVIEWER):
        user, created = get_user_model().objects.get_or_create(
            username=f"{slug}-{role}", defaults={"is_staff": True, "first_name": f"{org.display_name}{role.label}"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organization=org, defaults={"role": role})


def _items(slug: str, org: Organization, rng: random.Random) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    types = {t.name: t for t in DocumentType.objects.all()}
    topic = Topic.objects.filter(slug="general-openness").first()
    for year in (2023, 2024, 2025, 2026):
        for category_slug, titles in TITLES.items():
            for title in titles:
                written = _day(rng, year)
                item = _item(
                    org,
                    title.format(org=org.display_name, year=year),
                    categories[category_slug],
                    written,
                    rng,
                    topic=topic,
                    document_type=types["通知" if category_slug == "notices" else "其他文件"],
                )
                _publish(item, written, rng)
        _documents(slug, org, year, rng, categories, types)


def _documents(slug, org, year, rng, categories, types) -> None:
    """A 规章 or 行政规范性文件 per year, its 政策解读, some repealed, some with attachments."""
    for n, (pattern, type_name, number) in enumerate(RULE_TITLES, start=1):
        if type_name == "规章" and org.parent_id is not None:
            continue
        subject = SUBJECTS[slug][(year + n) % len(SUBJECTS[slug])]
        title = pattern.format(org=org.display_name, subject=subject)
        written = _day(rng, year)
        category = categories["rules" if type_name == "规章" else "normative-documents"]
        document = _item(
            org,
            f"{title}（{year}年修订）",
            category,
            written,
            rng,
            document_type=types[type_name],
            document_number=number.format(abbr=ABBR[slug], year=year, n=n),
        )
        document = _publish(document, written, rng)
        if rng.random() < 0.5:
            _attach(document, year)
        explainer = _item(
            org,
            f"《{title}（{year}年修订）》政策解读",
            categories["policy-interpretation"],
            document.published_on,
            rng,
            document_type=types["解读"],
        )
        explainer.related.add(document)
        _publish(explainer, explainer.written_on, rng)
        if year <= 2024 and rng.random() < 0.5:
            repeal_item(document, None, on=date(year + 1, 12, 31) if year < 2024 else date(2025, 6, 30))


def _item(org, title, category, written, rng, **fields) -> Item:
    item = Item(
        organization=org,
        title=title,
        category=category,
        written_on=written,
        summary=f"{title}。",
        body="".join(f"<p>{p}</p>" for p in rng.sample(PARAGRAPHS, 3)),
        keywords="政务公开",
        source=org.name,
        **fields,
    )
    return save_item(item, None)


def _publish(item: Item, written: date, rng: random.Random) -> Item:
    # Most items come out within days; a few late ones show up in the staff's list of late items.
    delay = rng.choice([0, 1, 1, 2, 2, 3, 5, 8, 12, 40])
    published_on = min(written + timedelta(days=delay), date(2026, 11, 20))
    return publish_item(item, None, published_on=max(published_on, written), calendar=_calendar())


# The demo publishes hundreds of items: one calendar for all of them.
_calendar = cache(current_calendar)


def _day(rng: random.Random, year: int) -> date:
    last = date(2026, 10, 31) if year == 2026 else date(year, 12, 20)
    return date(year, 1, 5) + timedelta(days=rng.randrange((last - date(year, 1, 5)).days))


def _attach(item: Item, year: int) -> None:
    add_attachment(item, SimpleUploadedFile("附件1.pdf", _pdf(item.title), "application/pdf"), None)
    add_attachment(item, SimpleUploadedFile("附件2.docx", _docx(item.title), "application/octet-stream"), None, 1)


def _pdf(title: str) -> bytes:
    """A one-page PDF with an ASCII caption (a demo file, not a rendering of the item)."""
    text = f"Attachment of catalog item, {len(title)} characters in title"
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx(title: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(PARAGRAPHS[0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _guide(org: Organization) -> None:
    GuideEdition.objects.get_or_create(
        organization=org,
        effective_on=date(2024, 1, 1),
        defaults={
            "introduction": (
                f"为方便公民、法人和其他组织获取{org.name}的政府信息，"
                "依据《中华人民共和国政府信息公开条例》编制本指南。"
            ),
            "change_note": "首次发布",
            "state": GuideEdition.State.PUBLISHED,
        },
    )
    GuideEdition.objects.get_or_create(
        organization=org,
        effective_on=date(2026, 3, 1),
        defaults={
            "introduction": f"本指南适用于{org.name}的政府信息公开工作，随机构职能和联系方式的变化及时更新。",
            "request_notes": "申请人可以通过本平台在线提交申请，也可以到办公地点当面提交或以信函方式提交。",
            "change_note": "更新在线申请渠道说明",
            "state": GuideEdition.State.PUBLISHED,
        },
    )

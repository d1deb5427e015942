"""Demo content for a first run (`manage.py load_demo`); safe to run twice.

An invented city, 云溪市, with four departments and a street office, each with contact details,
staff, a guide edition and a few dozen items across categories and the years 2023–2026.
"""

import io
import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from .models import Category, DocumentType, GuideEdition, Item, Membership, Organization, Topic
from .services import add_attachment, publish_item, repeal_item, save_item
from .workdays import WorkCalendar, current_calendar

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

# 工作动态 and 通知公告 of each body, in its own words: one item a year that recurs ("{year}"), and items of
# their own year, so that no two bodies (and no two years) publish the same title.
NEWS = {
    "city": ("云溪市召开{year}年政务公开工作会议", [
        ["云溪市启动“一网通办”政务服务改革", "云溪市开展防汛防台应急演练"],
        ["云溪市政府常务会议研究部署年度民生实事项目", "云溪市举办政府开放日活动"],
        ["云溪市老旧小区改造工作现场推进会召开", "云溪市开展政务公开进社区活动"],
        ["云溪市政务服务中心开通延时服务窗口", "云溪市召开城市更新重大行政决策听证会"],
    ]),
    "edu": ("市教育局召开{year}年全市教育工作会议", [
        ["市教育局开展校园食品安全专项检查", "市教育局组织中小学教师信息技术应用能力培训"],
        ["市教育局部署秋季学期开学准备工作", "市教育局联合相关部门检查校外培训机构"],
        ["市教育局举办第十届中小学生科技节", "市教育局推进义务教育学校课后服务提质"],
        ["市教育局开展暑期防溺水安全教育", "市教育局召开家校共育工作推进会"],
    ]),
    "civil": ("市民政局召开{year}年全市民政工作会议", [
        ["市民政局开展养老机构安全隐患排查", "市民政局春节前走访慰问困难群众"],
        ["市民政局推进社区居家养老服务中心建设", "市民政局完成社会组织年度检查"],
        ["市民政局举办婚姻登记颁证开放日", "市民政局开展低保对象动态复核"],
        ["市民政局推进殡葬领域移风易俗", "市民政局组织社区工作者业务培训"],
    ]),
    "hrss": ("市人力社保局召开{year}年人力资源和社会保障工作会议", [
        ["市人力社保局举办春风行动专场招聘会", "市人力社保局开展根治欠薪冬季专项行动"],
        ["市人力社保局开展职业技能等级认定", "市人力社保局推进社保经办服务下沉到村社"],
        ["市人力社保局举办高校毕业生就业服务月活动", "市人力社保局开展劳动保障法律进企业宣传"],
        ["市人力社保局发放一次性扩岗补助", "市人力社保局开展工伤预防宣传周活动"],
    ]),
    "eco": ("市生态环境局召开{year}年生态环境保护工作会议", [
        ["市生态环境局开展夏季臭氧污染防治专项检查", "市生态环境局举办六五环境日宣传活动"],
        ["市生态环境局推进农村生活污水治理设施运维", "市生态环境局开展危险废物规范化管理评估"],
        ["市生态环境局通报上半年环境质量状况", "市生态环境局完成入河排污口排查"],
        ["市生态环境局开展餐饮油烟治理专项行动", "市生态环境局组织突发环境事件应急演练"],
    ]),
    "street": ("滨江街道召开{year}年度工作部署会", [
        ["滨江街道开展老旧小区加装电梯政策宣讲", "滨江街道组织辖区沿街商铺消防安全检查"],
        ["滨江街道举办“邻里节”社区活动", "滨江街道推进网格化服务管理"],
        ["滨江街道开展垃圾分类入户宣传", "滨江街道举办政务公开日活动"],
        ["滨江街道整治辖区停车秩序", "滨江街道开展独居老人关爱走访"],
    ]),
}  # fmt: skip
NOTICES = {
    "city": ["云溪市人民政府关于调整部分政务服务事项办理地点的通告", "云溪市人民政府关于开展第五次全国经济普查的通告",
             "云溪市人民政府关于征集年度民生实事项目建议的公告", "云溪市人民政府关于城市更新决策事项听证的公告"],
    "edu": ["市教育局关于义务教育阶段学校招生工作的通知", "市教育局关于公布校外培训机构白名单的公告",
            "市教育局关于中小学秋季开学时间的通知", "市教育局关于开展学前教育宣传月活动的通知"],
    "civil": ["市民政局关于开展养老服务补贴资格认证的通知", "市民政局关于公布婚姻登记预约方式的公告",
              "市民政局关于社会组织年度检查的通知", "市民政局关于调整城乡最低生活保障标准的通知"],
    "hrss": ["市人力社保局关于开展职业技能等级认定的公告", "市人力社保局关于城乡居民养老保险缴费的通知",
             "市人力社保局关于发放失业保险稳岗返还资金的公告", "市人力社保局关于举办春季招聘会的通知"],
    "eco": ["市生态环境局关于建设项目环境影响评价文件受理情况的公示", "市生态环境局关于秸秆禁烧工作的通告",
            "市生态环境局关于开展排污许可证执行报告检查的通知", "市生态环境局关于重点排污单位名录的公告"],
    "street": ["滨江街道关于辖区道路施工期间交通组织的通知", "滨江街道关于开展居民医保集中参保的通知",
               "滨江街道关于老旧小区加装电梯申请受理的公告", "滨江街道关于征集社区议事会成员的公告"],
}  # fmt: skip
# Other columns: "{org}" is the body's short name, "{year}" the year.
TITLES = {
    "plans": ["{org}{year}年工作要点", "{org}{year}年政务公开工作要点"],
    "budget-reports": ["{org}{year}年部门预算公开说明"],
    "final-accounts": ["{org}{year}年部门决算公开说明"],
    "personnel": ["{org}关于{year}年公开招聘编外工作人员的公示"],
    "licensing": ["{org}政务服务事项办事指南（{year}年版）"],
}
# Each body's normative documents and the city government's rules (规章), one of each a year: a title comes back
# three years later in a revised version, which makes the earlier one lose force (失效).
RULE_TYPE, NORMATIVE_TYPE = "规章", "行政规范性文件"
RULES = {
    "city": ["云溪市政府信息公开规定", "云溪市重大行政决策程序规定", "云溪市行政规范性文件管理办法"],
}
NORMATIVE_TITLES = {
    "city": ["云溪市政府信息公开保密审查办法", "云溪市政务新媒体管理办法", "云溪市政府网站信息发布管理规定"],
    "edu": ["云溪市校外培训机构管理办法", "云溪市中小学校服采购管理规定", "云溪市学前教育补助资金管理办法"],
    "civil": ["云溪市养老服务补贴发放办法", "云溪市社区社会组织登记管理规定", "云溪市最低生活保障审核确认办法"],
    "hrss": ["云溪市就业见习补贴申领办法", "云溪市技能人才评价管理办法", "云溪市劳动保障监察工作规程"],
    "eco": [
        "云溪市建设项目环境影响评价审批规定",
        "云溪市餐饮油烟污染防治管理办法",
        "云溪市农村生活污水治理设施运维办法",
    ],
    "street": ["滨江街道社区网格化服务管理办法", "滨江街道老旧小区加装电梯工作规程", "滨江街道停车秩序管理规定"],
}
ABBR = {"city": "政", "edu": "教", "civil": "民", "hrss": "人社", "eco": "环", "street": "滨街"}
PARAGRAPHS = [
    "为深入贯彻落实政府信息公开条例，进一步提升政务公开工作质量，结合本单位工作实际，现将有关事项说明如下。",
    "各科室要切实履行职责，明确专人负责，按照“谁制作、谁公开，谁获取、谁公开”的原则做好信息发布前的保密审查。",
    "对涉及群众切身利益的事项，要通过门户网站、政务新媒体和公开栏等渠道及时公开，方便群众查询和监督。",
    "工作中遇到的问题，请及时与办公室联系。办公室将定期汇总情况，对落实不到位的单位予以通报。",
    "本文件自发布之日起施行，由本单位负责解释。",
]
# The text of demo attachments: an annex as offices attach them (a form, a list, a timetable).
ANNEX_PARAGRAPHS = [
    "一、适用范围：本市行政区域内的相关单位和个人。",
    "二、办理材料：申请表一份，身份证明复印件一份，其他需要提供的证明材料。",
    "三、办理时限：自受理之日起十个工作日内办结，需要现场核查的除外。",
    "四、咨询方式：工作日上午8:30—12:00，下午14:30—17:30，可来电或到办公地点咨询。",
]


def load() -> None:
    # The demo publishes hundreds of items: one calendar for all of them.
    calendar = current_calendar()
    with transaction.atomic():
        city = _organization(CITY)
        organizations = [city]
        _staff("city", city)
        if not city.items.exists():
            _items("city", city, random.Random("city"), calendar)
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
                _items(slug, org, random.Random(suffix), calendar)
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


YEARS = (2023, 2024, 2025, 2026)
# The normative document the city repeals without a successor (废止), beside those that lose force (失效).
REPEALED = ("city", 2024)


def _items(slug: str, org: Organization, rng: random.Random, calendar: WorkCalendar) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    types = {t.name: t for t in DocumentType.objects.all()}
    topic = Topic.objects.filter(slug="general-openness").first()
    for index, year in enumerate(YEARS):
        for category_slug, titles in _yearly_titles(slug, org, index, year).items():
            for title in titles:
                written = _day(rng, year)
                document_type = types["通知" if category_slug == "notices" else "其他文件"]
                item = _item(
                    org, title, categories[category_slug], written, rng, topic=topic, document_type=document_type
                )
                _publish(item, written, rng, calendar)
    _documents(slug, org, rng, categories, types, calendar)


def _yearly_titles(slug: str, org: Organization, index: int, year: int) -> dict[str, list[str]]:
    recurring, own = NEWS[slug]
    titles = {
        name: [title.format(org=org.display_name, year=year) for title in pattern] for name, pattern in TITLES.items()
    }
    titles["work-news"] = [recurring.format(year=year), *own[index]]
    titles["notices"] = [NOTICES[slug][index]]
    return titles


def _documents(slug, org, rng, categories, types, calendar) -> None:
    """A 行政规范性文件 a year (and the city's 规章), each with its 政策解读.

    A title comes back in a revised version three years later; the earlier version then loses force.
    """
    latest: dict[str, Item] = {}
    for year in YEARS:
        kinds = [(NORMATIVE_TYPE, NORMATIVE_TITLES[slug][year % 3])]
        if slug in RULES:
            kinds.append((RULE_TYPE, RULES[slug][year % 3]))
        for type_name, base_title in kinds:
            earlier = latest.get(base_title)
            document = _document(
                slug, org, year, type_name, base_title, earlier is not None, rng, categories, types, calendar
            )
            if earlier is not None:
                repeal_item(earlier, None, on=document.published_on, validity=Item.Validity.EXPIRED)
            elif (slug, year) == REPEALED and type_name == NORMATIVE_TYPE:
                repeal_item(document, None, on=date(year + 1, 6, 30))
            latest[base_title] = document


def _document(slug, org, year, type_name, base_title, revised, rng, categories, types, calendar) -> Item:
    if type_name == RULE_TYPE:
        number, category = f"云溪市人民政府令第{year - 2019}号", categories["rules"]
    else:
        number, category = f"云{ABBR[slug]}规〔{year}〕{year % 3 + 1}号", categories["normative-documents"]
    title = f"{base_title}（{year}年修订）" if revised else base_title
    written = _day(rng, year)
    fields = {"document_type": types[type_name], "document_number": number}
    document = _publish(_item(org, title, category, written, rng, **fields), written, rng, calendar)
    if year >= 2025 and rng.random() < 0.6:
        _attach(document)
    explainer = _item(
        org,
        f"《{title}》政策解读",
        categories["policy-interpretation"],
        document.published_on,
        rng,
        document_type=types["解读"],
        interprets=document,
    )
    _publish(explainer, explainer.written_on, rng, calendar)
    return document


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


def _publish(item: Item, written: date, rng: random.Random, calendar: WorkCalendar) -> Item:
    # Most items come out within days; a few late ones show up in the staff's list of late items.
    delay = rng.choice([0, 1, 1, 2, 2, 3, 5, 8, 12, 40])
    published_on = min(written + timedelta(days=delay), date(2026, 11, 20))
    return publish_item(item, None, published_on=max(published_on, written), calendar=calendar)


def _day(rng: random.Random, year: int) -> date:
    last = date(2026, 10, 31) if year == 2026 else date(year, 12, 20)
    return date(year, 1, 5) + timedelta(days=rng.randrange((last - date(year, 1, 5)).days))


def _attach(item: Item) -> None:
    add_attachment(item, SimpleUploadedFile("附件1.pdf", _annex_pdf(item.title), "application/pdf"), None)
    annex = _docx(f"{item.title}办理流程说明")
    add_attachment(item, SimpleUploadedFile("附件2.docx", annex, "application/octet-stream"), None, 1)


def _annex_pdf(title: str) -> bytes:
    """The annex of a document as offices publish it: a real PDF with Chinese text (WeasyPrint, Noto CJK)."""
    from django.utils.html import escape
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in ANNEX_PARAGRAPHS)
    page = (
        '<html lang="zh-Hans"><body style="font-family: \'Noto Sans CJK SC\', sans-serif; font-size: 12pt">'
        f"<p>附件1</p><h1 style='font-size: 16pt; text-align: center'>有关事项说明</h1>"
        f"<p>本附件是《{escape(title)}》的组成部分，与正文一并公开。</p>{paragraphs}"
        "</body></html>"
    )
    return HTML(string=page).write_pdf()


def _pdf(title: str) -> bytes:
    """A minimal one-page PDF, quick to make (tests that need a PDF, not its text)."""
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
    for text in ANNEX_PARAGRAPHS:
        document.add_paragraph(text)
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

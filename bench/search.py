"""Benchmark of full-text search methods on a generated Chinese corpus (PostgreSQL only).

    scripts/with-postgres.sh .venv/bin/python bench/search.py [--items 20000] [--methods bigram,phrase,trgm,ilike]

Loads `--items` items of ~1,500 characters of government prose into the catalog with COPY,
indexes them with the portal's own code (search.indexing), and prints for 50 fixed queries of
mixed frequency the p50/p95 latency of the first results page with its count, through the
same service the results page calls, swapping only the method:

- bigram: the portal's method (search.postgres_matches): GIN candidates, checked lazily newest first;
- phrase: the textbook bigram tsvector with positions and phrase queries (<->) on a GIN index;
- trgm: ILIKE helped by a pg_trgm GIN index;
- ilike: ILIKE over every text, what most portals do.

Then the facet counts alone (their cost on top of the page), and p50/p95 of whole pages over
HTTP (Django test client): the results page with its facets and, for comparison, an item page.
First pages and counts of each query are compared across methods.
"""

import argparse
import io
import os
import random
import sys
import time
from datetime import date, timedelta
from importlib import import_module
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.test_settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalog.models import Category, Item, Organization  # noqa: E402
from search import backends, services, text  # noqa: E402
from search.indexing import item_chunks  # noqa: E402

BATCH = 2000

# Government prose: common words carry most of the text, rarer ones make mid and low frequency queries.
COMMON = [
    "工作",
    "管理",
    "建设",
    "发展",
    "服务",
    "推进",
    "加强",
    "落实",
    "实施",
    "政府",
    "部门",
    "单位",
    "有关",
    "要求",
    "规定",
    "组织",
    "开展",
    "完善",
    "机制",
    "制度",
    "进一步",
    "提高",
    "社会",
    "经济",
    "安全",
    "责任",
    "全面",
    "做好",
    "切实",
    "相关",
    "情况",
    "重点",
    "项目",
    "资金",
    "保障",
    "监督",
    "检查",
    "公开",
    "信息",
    "政策",
    "群众",
    "企业",
    "按照",
    "根据",
    "各级",
    "坚持",
    "统筹",
    "协调",
    "改革",
    "创新",
    "规范",
    "依法",
    "行政",
    "标准",
    "质量",
    "体系",
    "能力",
    "水平",
]
MEDIUM = [
    "乡村振兴",
    "营商环境",
    "生态环境保护",
    "安全生产",
    "应急管理",
    "疫情防控",
    "义务教育",
    "基本医疗保险",
    "养老服务",
    "住房保障",
    "城市更新",
    "交通运输",
    "农田水利",
    "食品药品监管",
    "市场监管",
    "财政预算",
    "政府采购",
    "行政许可",
    "行政处罚",
    "信访工作",
    "社区治理",
    "就业创业",
    "最低生活保障",
    "残疾人",
    "退役军人",
    "文化旅游",
    "科技创新",
    "数字政府",
    "政务服务",
    "一网通办",
    "河长制",
    "林长制",
    "垃圾分类",
    "老旧小区改造",
    "危险化学品",
    "消防安全",
    "防汛抗旱",
    "森林防火",
    "征地拆迁",
    "审计整改",
]
RARE = [
    "智慧养老服务平台",
    "高标准农田建设补助",
    "船舶污染物接收",
    "古树名木保护",
    "地下管线普查",
    "非物质文化遗产传承",
    "耕地占补平衡",
    "电动自行车充电",
    "农村公路养护",
    "校外培训机构",
    "历史文化街区",
    "长期护理保险",
    "尾矿库",
    "白蚁防治",
    "候鸟迁徙",
    "盐碱地改良",
    "水土保持补偿费",
    "燃气管道老化更新",
    "网约车",
    "预制菜",
]
CONNECTORS = ["的", "和", "与", "及", "对", "在", "为", "把", "将", "由", "并", "等", "中", "上", "下"]
PUNCTUATION = ["，", "，", "，", "。", "；", "、"]
ISSUERS = ["国办发", "国发", "省政办发", "市政发", "市政办发", "区政办", "教发", "财预", "人社部发", "民发"]
TITLE_FORMS = [
    "关于{a}{b}工作的通知",
    "关于印发《{a}{b}实施方案》的通知",
    "{a}{b}情况的报告",
    "关于进一步加强{a}的意见",
    "关于做好{a}和{b}有关工作的通知",
    "{a}政策解读",
]
# Mixed frequency: common, medium, rare, one and two characters, several words, 文号 forms, no match.
QUERIES = [
    "工作", "管理", "服务", "政府", "发展", "安全", "监督检查", "有关要求",
    "乡村振兴", "营商环境", "安全生产", "疫情防控", "养老服务", "政务服务", "一网通办", "垃圾分类",
    "消防安全", "防汛抗旱", "审计整改", "河长制", "最低生活保障", "老旧小区改造",
    "智慧养老服务平台", "古树名木保护", "尾矿库", "白蚁防治", "网约车", "预制菜", "盐碱地改良", "候鸟迁徙",
    "的", "税", "鹅", "湖", "规范", "医保", "口罩",
    "乡村振兴 安全生产", "养老服务 消防安全", "古树名木 保护", "政府 工作 监督", "网约车 营商环境",
    "国办发〔2017〕47号", "国办发[2017]47号", "国办发2017年47号", "市政发〔2021〕3号",
    "量子通信", "区块链 尾矿库", "火星基地", "政府信息公开工作年度报告",
]  # fmt: skip
assert len(QUERIES) == 50


# Zipf-like weights: within the text, common words dominate and medium ones range from
# frequent to scarce; each rare term appears in a given share of documents (1% down to 0.003%).
_VOCABULARY = COMMON + MEDIUM
_WEIGHTS = [8.0] * len(COMMON) + [4.0 / (rank + 1) ** 1.3 for rank in range(len(MEDIUM))]
_RARE_SHARE = [0.01 * 0.72**rank for rank in range(len(RARE))]


def make_body(rng: random.Random, length: int = 1500) -> str:
    words = rng.choices(_VOCABULARY, weights=_WEIGHTS, k=length // 3)
    joins = rng.choices(CONNECTORS + [""] * 20 + PUNCTUATION * 2, k=len(words))
    words += [term for term, share in zip(RARE, _RARE_SHARE, strict=True) if rng.random() < share]
    rng.shuffle(words)
    return "".join(map(str.__add__, words, joins + [""] * (len(words) - len(joins))))[:length] + "。"


def make_item(seed: int) -> dict:
    rng = random.Random(seed)
    a, b = rng.choices(MEDIUM, weights=_WEIGHTS[len(COMMON) :])[0], rng.choice(COMMON)
    year = rng.randint(2012, 2025)
    document_number = f"{rng.choice(ISSUERS)}〔{year}〕{rng.randint(1, 120)}号" if rng.random() < 0.4 else ""
    body = make_body(rng)
    if rng.random() < 0.01:  # some items cite another document's number in the text
        body += (
            f"根据《国务院办公厅关于有关工作的通知》（国办发〔{rng.randint(2015, 2019)}〕{rng.randint(40, 50)}号）。"
        )
    published = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
    return {
        "title": rng.choice(TITLE_FORMS).format(a=a, b=b),
        "summary": make_body(rng, 60),
        "body": body,
        "document_number": document_number,
        "keywords": " ".join(rng.sample(COMMON, 3)),
        "written_on": published - timedelta(days=rng.randint(1, 15)),
        "published_on": published,
        "index_year": year,
        "state": Item.State.DRAFT if rng.random() < 0.05 else Item.State.PUBLISHED,
        "validity": Item.Validity.REPEALED if rng.random() < 0.1 else Item.Validity.VALID,
    }


def _csv_value(value) -> str:
    if value is None:
        return ""
    return '"' + str(value).replace('"', '""') + '"'


def _item_columns() -> list:
    return [f for f in Item._meta.concrete_fields if not f.primary_key]


def _item_row(pk: int, values: dict, fields: list, context: dict) -> str:
    row = [str(pk)]
    for field in fields:
        if field.attname in values:
            value = values[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = context["now"]
        elif field.has_default():
            value = field.get_default()
        else:
            value = None if field.null else ""
        row.append(_csv_value(field.get_db_prep_save(value, connection)))
    return ",".join(row)


def generate_batch(job: tuple[int, int, dict]) -> tuple[str, str]:
    """CSV rows for items start..end-1 and for the search chunks of the published ones."""
    start, end, context = job
    fields = _item_columns()
    items, chunk_rows = [], []
    for pk in range(start, end):
        values = make_item(pk)
        values.update(organization_id=context["orgs"][pk % len(context["orgs"])])
        values.update(category_id=context["categories"][pk % len(context["categories"])])
        if values["state"] == Item.State.PUBLISHED:
            values.update(index_number=f"BENCH{pk % 10}/{values['index_year']}-{pk:07d}", index_serial=pk)
        else:
            values.update(index_year=None)
        items.append(_item_row(pk, values, fields, context))
        if values["state"] == Item.State.PUBLISHED:
            item = Item(**{k: v for k, v in values.items() if k not in ("organization_id", "category_id")})
            for seq, piece in enumerate(item_chunks(item)):
                vector = text.tsvector_literal(piece, values["published_on"])
                chunk_rows.append(f"{pk},{seq},{_csv_value(piece)},{_csv_value(vector)},{values['published_on']}")
    return "\n".join(items) + "\n", "\n".join(chunk_rows) + "\n"


def replicate(distinct: int, count: int) -> None:
    """Grow the corpus to `count` items by copying the `distinct` generated ones inside PostgreSQL.

    Generating and tokenising in Python costs milliseconds per item; on this 2-core machine a
    million distinct items would take hours to load. Copies get their own id, 索引号, dates and
    organization, so posting lists, counts and pages grow as with distinct documents.
    """
    columns = [f.column for f in _item_columns()]
    shift = "(((id + %(off)s) * 7919) %% 365)::int"  # copies of one item spread over a year
    changed = {
        "index_number": (
            "'BENCH' || ((id + %(off)s) %% 10) || '/' || index_year || '-' || lpad((id + %(off)s)::text, 7, '0')"
        ),
        "index_serial": "CASE WHEN index_serial IS NULL THEN NULL ELSE id + %(off)s END",
        "published_on": f"published_on - {shift}",
        "written_on": f"written_on - {shift}",
    }
    select = ", ".join(changed.get(column, column) for column in columns)
    started = time.perf_counter()
    for copy in range(1, -(-count // distinct)):
        offset = copy * distinct
        last = min(distinct, count - offset)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO catalog_item (id, {', '.join(columns)}) "
                f"SELECT id + %(off)s, {select} FROM catalog_item WHERE id <= %(last)s",
                {"off": offset, "last": last},
            )
            # A copy's month lexeme follows its date (see search.text.month_lexeme).
            month = "' ' || to_char({}, 'YYYY-MM')"
            copied_on = f"published_on - {shift.replace('id', 'item_id')}"
            vector = (
                f"ts_delete(vector, {month.format('published_on')}) || "
                f"array_to_tsvector(ARRAY[{month.format(copied_on)}])"
            )
            cursor.execute(
                "INSERT INTO search_searchchunk (item_id, seq, text, vector, published_on) "
                f"SELECT item_id + %(off)s, seq, text, {vector}, {copied_on} "
                "FROM search_searchchunk WHERE item_id <= %(last)s",
                {"off": offset, "last": last},
            )
        print(f"  copied to {offset + last:,} items, {time.perf_counter() - started:.0f} s", flush=True)


def load(count: int, distinct: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    orgs = [
        Organization.objects.get_or_create(code=f"BENCH{i}", defaults={"name": f"示范市第{i}局"})[0].pk
        for i in range(10)
    ]
    categories = list(Category.objects.values_list("pk", flat=True)) or [
        Category.objects.create(name="其他", slug="bench-other").pk
    ]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE catalog_item, search_searchchunk CASCADE")
        cursor.execute("DROP INDEX IF EXISTS search_chunk_vector")
        cursor.execute("DROP INDEX IF EXISTS search_chunk_title")
        cursor.execute("DROP INDEX IF EXISTS search_chunk_tail")
        cursor.execute("DROP INDEX IF EXISTS bench_chunk_trgm")
    context = {"orgs": orgs, "categories": categories, "now": timezone.now()}
    columns = ",".join(["id"] + [f.column for f in _item_columns()])
    generated = min(count, distinct)
    jobs = [(start, min(start + BATCH, generated + 1), context) for start in range(1, generated + 1, BATCH)]
    started = time.perf_counter()
    raw = connection.connection
    copying = 0.0
    with Pool(max(1, (os.cpu_count() or 2))) as pool:
        for done, (items_csv, chunks_csv) in enumerate(pool.imap(generate_batch, jobs), start=1):
            copy_started = time.perf_counter()
            with raw.cursor() as cursor:
                cursor.copy_expert(
                    f"COPY catalog_item ({columns}) FROM STDIN WITH (FORMAT csv)", io.StringIO(items_csv)
                )
                cursor.copy_expert(
                    "COPY search_searchchunk (item_id, seq, text, vector, published_on) FROM STDIN WITH (FORMAT csv)",
                    io.StringIO(chunks_csv),
                )
            raw.commit()
            copying += time.perf_counter() - copy_started
            if done % 25 == 0:
                elapsed = time.perf_counter() - started
                print(f"  loaded {done * BATCH:,} items, {elapsed:.0f} s ({copying:.0f} s in COPY)", flush=True)
    if count > generated:
        replicate(generated, count)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('catalog_item', 'id'), %s)", [count + 1])
        cursor.execute("VACUUM ANALYZE catalog_item")
        cursor.execute("VACUUM ANALYZE search_searchchunk")
    print(f"loaded {count:,} items in {time.perf_counter() - started:.0f} s ({copying:.0f} s in COPY)", flush=True)


def build_index(name: str, sql: str) -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '4GB'")
        cursor.execute(sql)
        cursor.execute("ANALYZE search_searchchunk")
        cursor.execute("SELECT pg_size_pretty(pg_relation_size(%s))", [name])
        size = cursor.fetchone()[0]
    print(f"built {name} in {time.perf_counter() - started:.0f} s ({size})", flush=True)


class IlikeBackend(backends.ScanBackend):
    """What most portals do: ILIKE '%word%' over the text (with pg_trgm's index when it exists)."""

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        sql = "SELECT item_id FROM search_searchchunk WHERE text ILIKE %s"
        return sql + (" AND seq = 0" if title_only else ""), [backends._like_pattern(word)]


class PhraseBackend(backends.ScanBackend):
    """The textbook bigram tsvector: positions kept, each word a phrase query (<->) on a GIN index.

    Matching items are gathered by the index and their positions rechecked, then counted and
    sorted by the database: every match of a common phrase is rechecked before the first page.
    """

    def match(self, word: str, title_only: bool = False) -> tuple[str, list]:
        sql = "SELECT item_id FROM search_searchchunk WHERE bench_phrase @@ %s::tsquery"
        return sql + (" AND seq = 0" if title_only else " AND seq > 0"), [phrase_query(word)]


def positional_tsvector(piece: str) -> str:
    """`'ab':1 'bc':2 …` from the portal's own tokens."""
    return " ".join(f"{text._pg_quote(token)}:{position}" for position, token in enumerate(text.tokens(piece), 1))


def phrase_query(word: str) -> str:
    if len(word) == 1:
        return f"{text._pg_quote(word)}:*"
    return " <-> ".join(text._pg_quote(bigram) for bigram in text.word_bigrams(word))


def add_phrase_vectors() -> None:
    """A positional copy of every chunk's tokens for the textbook method, computed in worker processes."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchchunk ADD COLUMN IF NOT EXISTS bench_phrase tsvector")
        cursor.execute("SELECT min(id), max(id) FROM search_searchchunk WHERE bench_phrase IS NULL")
        low, high = cursor.fetchone()
    if low is not None:
        jobs = [(start, start + BATCH * 5) for start in range(low, high + 1, BATCH * 5)]
        connection.close()  # the workers must not share this process's connection
        with Pool(max(1, (os.cpu_count() or 2))) as pool:
            for _ in pool.imap_unordered(_phrase_batch, jobs):
                pass
    build_index(
        "bench_chunk_phrase",
        "CREATE INDEX IF NOT EXISTS bench_chunk_phrase ON search_searchchunk USING gin (bench_phrase) WHERE seq > 0",
    )
    print(f"phrase vectors ready in {time.perf_counter() - started:.0f} s", flush=True)


def _phrase_batch(bounds: tuple[int, int]) -> None:
    from psycopg2.extras import execute_values

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, text FROM search_searchchunk WHERE id >= %s AND id < %s", list(bounds))
        rows = [(chunk_id, positional_tsvector(piece)) for chunk_id, piece in cursor.fetchall()]
        execute_values(
            cursor.cursor,
            "UPDATE search_searchchunk SET bench_phrase = v.vector::tsvector FROM (VALUES %s) AS v (id, vector) "
            "WHERE search_searchchunk.id = v.id",
            rows,
            page_size=1000,
        )


def use_backend(chosen: backends.ScanBackend) -> None:
    backends._cache["postgresql"] = chosen


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(label: str, runs: int, verbose: bool = False) -> tuple[list[float], dict]:
    """Seconds per query for the first page with its count, and what each query found."""
    latencies, found = [], {}
    for query in QUERIES:
        words = text.query_words(query)
        for _ in range(runs):
            started = time.perf_counter()
            outcome = services.search(Item.objects.all(), words, filtered=False)
            elapsed = time.perf_counter() - started
        latencies.append(elapsed)
        if verbose:
            print(f"  {label} {query!r}: {elapsed * 1000:.0f} ms", flush=True)
        found[query] = (outcome.tally, [hit.item.pk for hit in outcome.hits])
    slowest = sorted(zip(latencies, QUERIES, strict=True), reverse=True)[:5]
    print(f"  slowest: {', '.join(f'{query!r} {seconds * 1000:.0f} ms' for seconds, query in slowest)}")
    print(
        f"{label:<10} first page + count: p50 {percentile(latencies, 0.5) * 1000:9.1f} ms"
        f"   p95 {percentile(latencies, 0.95) * 1000:9.1f} ms   max {max(latencies) * 1000:9.1f} ms",
        flush=True,
    )
    return latencies, found


def measure_facets() -> None:
    """Seconds per query for the facet counts alone, from the outcome the page already has (its added cost)."""
    from django.http import QueryDict

    from catalog.filters import ItemFilter
    from search.facets import count_facets

    latencies = []
    for query in QUERIES:
        outcome = services.search(Item.objects.all(), text.query_words(query), filtered=False)
        if not outcome.count:
            continue
        item_filter = ItemFilter(QueryDict())
        item_filter.form  # noqa: B018 (the page has loaded the frame's choices for its selects)
        count_facets(outcome, item_filter, QueryDict())  # warm, as the page's first visit
        started = time.perf_counter()
        count_facets(outcome, item_filter, QueryDict())
        latencies.append(time.perf_counter() - started)
    p50, p95 = (percentile(latencies, share) * 1000 for share in (0.5, 0.95))
    print(f"facets alone: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({len(latencies)} queries with matches)", flush=True)


def http_latencies(paths: list[str], repeats: int = 3) -> list[float]:
    """Seconds per request, each path requested once to warm and then `repeats` times, all timings kept."""
    client, latencies = Client(), []
    for path in paths:
        client.get(path)
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(path)
            latencies.append(time.perf_counter() - started)
            assert response.status_code in (200, 302), (path, response.status_code)
    return latencies


def report_pages() -> float:
    from urllib.parse import quote

    pks = list(Item.objects.published().order_by("?").values_list("pk", flat=True)[:100])
    item_pages = http_latencies([f"/catalog/{pk}/" for pk in pks])
    search_pages = http_latencies([f"/search/?q={quote(query)}" for query in QUERIES])
    for label, values in (("item page", item_pages), ("search page", search_pages)):
        print(
            f"{label:<12} over HTTP: p50 {percentile(values, 0.5) * 1000:7.1f} ms"
            f"   p95 {percentile(values, 0.95) * 1000:7.1f} ms   ({len(values)} requests)",
            flush=True,
        )
    ratio = percentile(search_pages, 0.95) / percentile(item_pages, 0.95)
    print(f"search page p95 / item page p95 = {ratio:.2f} (bar: at most 3)", flush=True)
    return ratio


METHODS = ("bigram", "phrase", "trgm", "ilike")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--distinct", type=int, default=50_000, help="generated items; the rest are copies")
    parser.add_argument("--methods", default=",".join(METHODS), help=f"some of {', '.join(METHODS)}")
    parser.add_argument(
        "--no-load", action="store_true", help="measure a corpus loaded earlier (DATABASE_URL of a running bench)"
    )
    parser.add_argument("--runs", type=int, default=2, help="runs per query for indexed methods (last one counts)")
    parser.add_argument("--load-only", action="store_true", help="load and index the corpus, measure nothing")
    options = parser.parse_args()
    methods = options.methods.split(",")
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py needs PostgreSQL: run it through scripts/with-postgres.sh")
    print(f"== search bench: {options.items:,} items, methods {', '.join(methods)}", flush=True)
    if not options.no_load:
        load(options.items, options.distinct)
    for statement in import_module("search.migrations.0001_initial").POSTGRES_INDEX[1:]:
        build_index(statement.split()[2], statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
    if options.load_only:
        return
    results = {}
    if "bigram" in methods:
        use_backend(backends.PostgresBackend())
        results["bigram"] = measure("bigram", options.runs)
        measure_facets()
        report_pages()
    if "phrase" in methods:
        add_phrase_vectors()
        use_backend(PhraseBackend())
        results["phrase"] = measure("phrase", options.runs)
    if "trgm" in methods:
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        build_index(
            "bench_chunk_trgm", "CREATE INDEX bench_chunk_trgm ON search_searchchunk USING gin (text gin_trgm_ops)"
        )
        use_backend(IlikeBackend())
        results["trgm"] = measure("pg_trgm", options.runs)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX bench_chunk_trgm")
    if "ilike" in methods:  # last: it reads every text for every query, minutes each at a million items
        use_backend(IlikeBackend())
        results["ilike"] = measure("ILIKE", 1, verbose=options.items >= 200_000)
    compare(results)


def agree(chosen, other) -> bool:
    """Same first page, and counts that agree: equal when both are exact, past the cap where one is capped."""
    (tally, page), (other_tally, other_page) = chosen, other
    if page != other_page:
        return False
    if other_tally.at_least:
        return tally.number >= other_tally.number
    return tally.approximate or tally.number == other_tally.number


def compare(results: dict) -> None:
    if "bigram" not in results:
        return
    chosen_latencies, chosen_found = results["bigram"]
    for name, (latencies, found) in results.items():
        if name == "bigram":
            continue
        print(f"{name} vs bigram over the 50 queries:")
        for share, label in ((0.5, "p50"), (0.95, "p95")):
            theirs, ours = percentile(latencies, share), percentile(chosen_latencies, share)
            print(f"  {label} {theirs * 1000:.1f} ms vs {ours * 1000:.1f} ms: bigram is {theirs / ours:.0f}x faster")
        differ = [query for query in QUERIES if not agree(chosen_found[query], found[query])]
        print(f"  first pages or counts disagreeing with bigram: {differ or 'none'}", flush=True)
    print("bigram counts: " + ", ".join(f"{query} {tally}" for query, (tally, _) in chosen_found.items()))


if __name__ == "__main__":
    main()

"""The ledger (台账): headers, round trip, all-or-nothing import with every error listed."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from applications.ledger import HEADERS, export_ledger, import_ledger, import_summary
from applications.models import Appeal, Application, Consultation, FeeNotice


def ledger_csv(*rows: dict) -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(header, "") for header in HEADERS])
    return io.BytesIO(("\ufeff" + text.getvalue()).encode("utf-8"))


def row(**changes) -> dict:
    base = {"受理编号": "", "申请人类型": "自然人", "申请人": "周九", "申请方式": "邮寄", "收到日期": "2025-03-03",
            "申请内容": "2024年财政预算执行情况"}  # fmt: skip
    return base | changes


def test_import_creates_applications_with_their_clock(bureau):
    data = row(
        征求意见日期="2025-03-05",
        意见收到日期="2025-03-12",
        延期工作日数="5",
        收费金额="100",
        行政复议日期="2025-05-06",
        行政复议结果="结果维持",
        答复日期="2025-04-20",
        办理结果="部分公开",
    )
    result = import_ledger(ledger_csv(data), "l.csv", bureau)
    application = Application.objects.get()
    assert result.ok and result.created == 1
    assert (application.state, application.outcome, application.extension_days) == ("replied", "2", 5)
    assert Consultation.objects.get().opinion_received_on == date(2025, 3, 12)
    assert FeeNotice.objects.get().amount == 100
    assert Appeal.objects.get().result_at(date(2025, 12, 31)) == Appeal.Result.MAINTAINED


def test_empty_number_is_generated_and_an_open_row_stays_open(bureau):
    import_ledger(ledger_csv(row()), "l.csv", bureau)
    application = Application.objects.get()
    assert application.number.startswith("YSQ2025-") and application.concluded_on is None
    assert application.state == "received"


def test_every_error_is_listed_with_row_and_column_and_nothing_is_written(bureau):
    rows = [row(), row(申请人类型="个人", 收到日期="2025/03/03"), row(延期工作日数="25"), row(办理结果="不予公开-保密")]
    result = import_ledger(ledger_csv(*rows), "l.csv", bureau)
    listed = {(e.row, e.column) for e in result.errors}
    assert listed == {(3, "申请人类型"), (3, "收到日期"), (4, "延期工作日数"), (5, "办理结果")}
    assert Application.objects.count() == 0


def test_a_reply_date_without_outcome_is_an_error(bureau):
    result = import_ledger(ledger_csv(row(答复日期="2025-03-20")), "l.csv", bureau)
    assert [(e.row, e.column) for e in result.errors] == [(2, "办理结果")]


@pytest.mark.parametrize(
    "changes, column, message",
    [
        ({"补正收到日期": "2025-03-10"}, "补正收到日期", "没有补正告知日期"),
        ({"意见收到日期": "2025-03-12"}, "意见收到日期", "没有征求意见日期"),
    ],
)
def test_an_answer_without_its_request_is_one_error_not_a_crash(bureau, changes, column, message):
    result = import_ledger(ledger_csv(row(**changes)), "l.csv", bureau)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(2, column, message)]
    assert Application.objects.count() == 0


HEADER_ERROR = (
    "第1行【表头】表头应依次为：受理编号，申请人类型，申请人，申请方式，收到日期，申请内容，补正告知日期，补正收到日期，"
    "征求意见日期，意见收到日期，延期工作日数，答复期限，答复日期，办理结果，收费金额，行政复议日期，行政复议结果，"
    "行政诉讼日期，行政诉讼类型，行政诉讼结果"
)


@pytest.mark.parametrize("content", ["受理编号,申请人\n1,2\n", ""])
def test_wrong_or_missing_headers_are_refused(bureau, content):
    result = import_ledger(io.BytesIO(content.encode()), "l.csv", bureau)
    assert [str(error) for error in result.errors] == [HEADER_ERROR] and Application.objects.count() == 0


def test_a_broken_xlsx_is_refused_with_a_reason(bureau):
    result = import_ledger(io.BytesIO(b"PK\x03\x04 not really a workbook"), "l.xlsx", bureau)
    assert [str(error) for error in result.errors] == ["第1行【文件】无法读取该.xlsx文件，请确认文件完好"]


def test_blank_lines_are_skipped_and_still_counted_in_the_row_numbers(bureau):
    stream = ledger_csv(row(受理编号="B-1"), {}, row(受理编号="B-2", 申请方式="电话"))
    assert [str(error) for error in import_ledger(stream, "l.csv", bureau).errors] == [
        "第4行【申请方式】“电话”不是可用的值，应为：网络、当面、邮寄、传真、其他"
    ]
    stream = ledger_csv(row(受理编号="B-1"), {}, row(受理编号="B-2"))
    assert import_ledger(stream, "l.csv", bureau).created == 2


def test_an_existing_number_is_updated_not_duplicated(bureau):
    import_ledger(ledger_csv(row(受理编号="A-1")), "l.csv", bureau)
    import_ledger(ledger_csv(row(受理编号="A-1", 答复日期="2025-03-20", 办理结果="予以公开")), "l.csv", bureau)
    application = Application.objects.get()
    assert application.outcome == "1" and application.concluded_on == date(2025, 3, 20)


def test_another_organizations_number_is_refused(bureau, other_bureau):
    import_ledger(ledger_csv(row(受理编号="A-1")), "l.csv", other_bureau)
    result = import_ledger(ledger_csv(row(受理编号="A-1")), "l.csv", bureau)
    assert [str(error) for error in result.errors] == ["第2行【受理编号】已被其他机关的申请使用"]


def test_csv_export_has_bom_and_exact_headers(bureau, make_application):
    make_application(number="X-1", received_on=date(2025, 9, 26))
    out = io.BytesIO()
    export_ledger(out, "l.csv", bureau)
    content = out.getvalue()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == HEADERS
    assert lines[1][HEADERS.index("答复期限")] == "2025-10-30"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_changes_nothing(bureau, suffix):
    data = row(
        受理编号="R-1",
        补正告知日期="2025-03-04",
        补正收到日期="2025-03-10",
        答复日期="2025-04-01",
        办理结果="无法提供-本机关不掌握相关政府信息",
        行政诉讼日期="2025-06-01",
        行政诉讼类型="未经复议直接起诉",
    )
    import_ledger(ledger_csv(data, row(受理编号="R-2", 申请人类型="法律服务机构")), "l.csv", bureau)
    first = io.BytesIO()
    export_ledger(first, f"l.{suffix}", bureau)
    first.seek(0)
    result = import_ledger(first, f"l.{suffix}", bureau)
    second = io.BytesIO()
    export_ledger(second, f"l.{suffix}", bureau)
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert import_summary(result) == "导入完成：台账与系统中的记录一致（2 件），没有需要新增或更新的内容。"
    assert _cells(first, suffix) == _cells(second, suffix)


def test_a_changed_row_is_the_only_one_updated(bureau):
    import_ledger(ledger_csv(row(受理编号="R-1"), row(受理编号="R-2")), "l.csv", bureau)
    result = import_ledger(ledger_csv(row(受理编号="R-1"), row(受理编号="R-2", 申请人="吴十")), "l.csv", bureau)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Application.objects.get(number="R-2").applicant_name == "吴十"
    assert import_summary(result) == "导入完成：新增 0 件，更新 1 件，未变 1 件。"


def test_the_xlsx_ledger_has_real_dates_amounts_a_frozen_header_and_sized_columns(bureau):
    import_ledger(
        ledger_csv(row(受理编号="X-1", 收费金额="12.5", 答复日期="2025-04-01", 办理结果="予以公开")), "l.csv", bureau
    )
    out = io.BytesIO()
    export_ledger(out, "l.xlsx", bureau)
    sheet = load_workbook(out).active
    received, fee = sheet.cell(2, HEADERS.index("收到日期") + 1), sheet.cell(2, HEADERS.index("收费金额") + 1)
    assert received.is_date and received.value.date() == date(2025, 3, 3) and received.number_format == "yyyy-mm-dd"
    assert fee.value == 12.5 and fee.number_format == "0.00"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 40  # 申请内容


FORMULA = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"])
def test_user_text_that_looks_like_a_formula_stays_text_in_both_formats_and_round_trips(bureau, text):
    import_ledger(ledger_csv(row(受理编号="F-1", 申请人="申请人", 申请内容="材料")), "l.csv", bureau)
    Application.objects.filter(number="F-1").update(applicant_name=text, info_title=text)
    csv_out, xlsx_out = io.BytesIO(), io.BytesIO()
    export_ledger(csv_out, "l.csv", bureau)
    export_ledger(xlsx_out, "l.xlsx", bureau)
    line = list(csv.reader(io.StringIO(csv_out.getvalue().decode("utf-8-sig"))))[1]
    assert line[HEADERS.index("申请人")] == "'" + text.strip()  # the .csv writes text stripped
    cell = load_workbook(io.BytesIO(xlsx_out.getvalue())).active.cell(2, HEADERS.index("申请人") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(xlsx_out.getvalue())).read("xl/worksheets/sheet1.xml")
    for out, suffix in ((csv_out, "csv"), (xlsx_out, "xlsx")):
        out.seek(0)
        assert import_ledger(out, f"l.{suffix}", bureau).unchanged == 1
        assert Application.objects.get(number="F-1").applicant_name == text


def _cells(stream, suffix):
    stream.seek(0)
    if suffix == "csv":
        return list(csv.reader(io.StringIO(stream.read().decode("utf-8-sig"))))
    return [list(r) for r in load_workbook(stream).active.iter_rows(values_only=True)]


def test_export_of_a_year_includes_carried_over_applications(bureau, make_application):
    make_application(number="OLD", received_on=date(2024, 12, 20))
    make_application(number="DONE", received_on=date(2024, 11, 1), concluded_on=date(2024, 11, 20))
    out = io.BytesIO()
    export_ledger(out, "l.csv", bureau, year=2025)
    numbers = [line[0] for line in csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig")))][1:]
    assert numbers == ["OLD"]


def test_commands_export_and_import(bureau, make_application, tmp_path):
    make_application(number="C-1")
    path = tmp_path / "ledger.xlsx"
    call_command("export_ledger", "--org", bureau.code, "-o", str(path))
    out = io.StringIO()
    call_command("import_ledger", str(path), "--org", bureau.code, stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()


def test_import_command_lists_errors_and_fails(bureau, tmp_path, capsys):
    path = tmp_path / "ledger.csv"
    path.write_bytes(ledger_csv(row(申请方式="电话")).getvalue())
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_ledger", str(path), "--org", bureau.code)
    assert "第2行【申请方式】" in capsys.readouterr().err


def test_a_file_in_another_encoding_is_refused_with_a_reason(bureau):
    stream = io.BytesIO(",".join(HEADERS).encode("gbk"))
    result = import_ledger(stream, "l.csv", bureau)
    assert [str(error) for error in result.errors] == [
        "第1行【文件】CSV文件应使用UTF-8编码（可在表格软件中另存为“CSV UTF-8”）"
    ]
    assert Application.objects.count() == 0


def _export_queries(organization) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        export_ledger(io.BytesIO(), "l.csv", organization)
    return len(context.captured_queries)


def test_export_queries_do_not_grow_with_the_ledger(bureau):
    import_ledger(ledger_csv(row(征求意见日期="2025-03-05", 收费金额="100")), "l.csv", bureau)
    few = _export_queries(bureau)
    import_ledger(ledger_csv(*[row(征求意见日期="2025-03-05", 行政复议日期="2025-05-06")] * 30), "l.csv", bureau)
    assert _export_queries(bureau) == few


def test_a_number_used_twice_in_one_file_is_refused_with_both_rows_named(bureau):
    result = import_ledger(ledger_csv(row(受理编号="D-7"), row(受理编号="D-8"), row(受理编号="D-7")), "l.csv", bureau)
    assert [str(error) for error in result.errors] == ["第4行【受理编号】与第2行重复"]
    assert not Application.objects.exists()


def test_an_imported_fee_is_notified_and_paid_on_the_day_of_receipt_so_the_clock_does_not_stop(bureau):
    import_ledger(ledger_csv(row(收到日期="2025-03-03", 收费金额="200.50")), "l.csv", bureau)
    notice = FeeNotice.objects.get()
    assert (notice.amount, notice.notified_on, notice.paid_on) == (
        Decimal("200.50"),
        date(2025, 3, 3),
        date(2025, 3, 3),
    )


def test_the_export_carries_the_consultation_sent_and_answered_days(bureau, make_application):
    application = make_application(number="K-1", received_on=date(2025, 3, 3))
    Consultation.objects.create(
        application=application, party=Consultation.Party.THIRD_PARTY, sent_on=date(2025, 3, 5),
        opinion_received_on=date(2025, 3, 19),
    )  # fmt: skip
    out = io.BytesIO()
    export_ledger(out, "l.csv", bureau)
    line = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))[1]
    assert (line[HEADERS.index("征求意见日期")], line[HEADERS.index("意见收到日期")]) == ("2025-03-05", "2025-03-19")
    # Ten working days of consultation (03-06 … 03-19) move the reply due from 03-31 by ten working days,
    # past 清明 (Friday 04-04), to 04-15.
    assert line[HEADERS.index("答复期限")] == "2025-04-15"


def _export(organization, year=None) -> list[list[str]]:
    out = io.BytesIO()
    export_ledger(out, "l.csv", organization, year=year)
    return list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))[1:]


def test_every_cell_of_a_full_row_and_of_an_empty_one(bureau, make_application):
    full = make_application(
        number="E-1", applicant_type="legal", applicant_name="某律师事务所", channel="mail",
        received_on=date(2025, 3, 3), info_title="征收补偿方案", extension_days=5,
        concluded_on=date(2025, 4, 20), outcome="2", state="replied",
    )  # fmt: skip
    Consultation.objects.create(
        application=full, party="third_party", sent_on=date(2025, 3, 5), opinion_received_on=date(2025, 3, 19)
    )
    for amount in ("100", "50.50"):  # two notices, dated and paid on receipt: the ledger shows their sum
        FeeNotice.objects.create(
            application=full, method="per_page", amount=amount, notified_on=date(2025, 3, 3), paid_on=date(2025, 3, 3)
        )
    Appeal.objects.create(
        organization=bureau, application=full, kind="litigation_after_review", filed_on=date(2025, 6, 10)
    )
    Appeal.objects.create(
        organization=bureau, application=full, kind="review", filed_on=date(2025, 5, 6), result="corrected",
        concluded_on=date(2025, 6, 1),
    )  # fmt: skip
    make_application(number="E-2", applicant_name="李四", channel="in_person", received_on=date(2025, 3, 4))
    # E-1: 20 working days after 03-03 is 03-31; ten working days of consultation (03-06 … 03-19) make it 04-15,
    # and an extension of five working days 04-22.
    assert _export(bureau) == [
        ["E-1", "法律服务机构", "某律师事务所", "邮寄", "2025-03-03", "征收补偿方案", "", "", "2025-03-05",
         "2025-03-19", "5", "2025-04-22", "2025-04-20", "部分公开", "150.50", "2025-05-06", "结果纠正",
         "2025-06-10", "复议后起诉", "尚未审结"],
        ["E-2", "自然人", "李四", "当面", "2025-03-04", "2024年学校建设项目资金安排", "", "", "", "", "0",
         "2025-04-01", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip


def test_the_full_export_lists_this_organizations_received_applications_by_day_then_number(
    bureau, other_bureau, make_application
):
    make_application(number="C-1", received_on=date(2025, 3, 3))  # first received, last by number
    make_application(number="B-2", received_on=date(2025, 3, 5))
    make_application(number="B-1", received_on=date(2025, 3, 5))  # the same day: by number, not by creation
    make_application(number="ONLINE", received_on=None, state="submitted")  # not yet confirmed: no ledger row
    make_application(number="OTHER", organization=other_bureau)
    assert [line[0] for line in _export(bureau)] == ["C-1", "B-1", "B-2"]


def test_the_year_export_starts_on_1_january_and_ends_on_31_december(bureau, make_application):
    make_application(number="CLOSED-1231", received_on=date(2024, 12, 2), concluded_on=date(2024, 12, 31))
    make_application(number="CLOSED-0101", received_on=date(2024, 12, 20), concluded_on=date(2025, 1, 1))
    make_application(number="RECEIVED-1231", received_on=date(2025, 12, 31))
    make_application(number="RECEIVED-0101", received_on=date(2026, 1, 1))
    assert [line[0] for line in _export(bureau, year=2025)] == ["CLOSED-0101", "RECEIVED-1231"]


def test_a_ledger_longer_than_one_chunk_exports_and_reimports_every_row(bureau):
    # 901 applications: the export reads them in chunks of 900, the last one alone with its consultation.
    Application.objects.bulk_create(
        Application(organization=bureau, number=f"L-{n:04d}", applicant_name="张三", received_on=date(2025, 3, 3),
                    state="received")
        for n in range(1, 902)
    )  # fmt: skip
    last = Application.objects.get(number="L-0901")
    Consultation.objects.create(application=last, party="third_party", sent_on=date(2025, 3, 5))
    out = io.BytesIO()
    export_ledger(out, "l.csv", bureau)
    lines = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert len(lines) == 902 and lines[-1][0] == "L-0901"
    assert (lines[-1][HEADERS.index("征求意见日期")], lines[-2][HEADERS.index("征求意见日期")]) == ("2025-03-05", "")
    out.seek(0)
    result = import_ledger(out, "l.csv", bureau)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 901)


def test_rows_without_a_number_get_the_next_numbers_of_their_year(bureau, make_application):
    prefix = f"YSQ2025-{bureau.pk:04d}-"
    make_application(number=f"{prefix}00007", received_on=date(2025, 2, 3))
    rows = [row(收到日期="2025-03-03"), row(收到日期="2024-12-30"), row(收到日期="2025-03-04")]
    assert import_ledger(ledger_csv(*rows), "l.csv", bureau).created == 3
    numbers = Application.objects.order_by("pk").values_list("number", flat=True)
    assert list(numbers) == [f"{prefix}00007", f"{prefix}00008", f"YSQ2024-{bureau.pk:04d}-00001", f"{prefix}00009"]


def _children(application) -> tuple[list, list, list]:
    consultations = application.consultations.order_by("pk").values_list("party", "sent_on", "opinion_received_on")
    fees = application.fee_notices.order_by("pk").values_list("method", "amount", "notified_on", "paid_on")
    appeals = Appeal.objects.filter(application=application).order_by("pk")
    cases = appeals.values_list("organization", "kind", "filed_on", "result", "concluded_on")
    return list(consultations), list(fees), list(cases)


def test_each_row_brings_its_own_consultation_fee_and_cases(bureau):
    def full(number, day):
        return row(受理编号=number, 征求意见日期=f"2025-03-{day}", 收费金额=f"1{day}", 行政复议日期=f"2025-05-{day}",
                   行政诉讼日期=f"2025-06-{day}", 行政诉讼类型="未经复议直接起诉", 行政诉讼结果="结果维持")  # fmt: skip

    assert import_ledger(ledger_csv(full("P-1", 11), full("P-2", 12)), "l.csv", bureau).ok
    for number, day in (("P-1", 11), ("P-2", 12)):
        assert _children(Application.objects.get(number=number)) == (
            [("third_party", date(2025, 3, day), None)],
            [("per_application", Decimal(f"1{day}"), date(2025, 3, 3), date(2025, 3, 3))],
            [
                (bureau.pk, "review", date(2025, 5, day), "pending", None),  # pending: not concluded
                (bureau.pk, "litigation_direct", date(2025, 6, day), "maintained", date(2025, 6, day)),
            ],
        )


def test_an_import_changes_the_first_consultation_fee_and_case_of_each_kind_and_leaves_the_rest(
    bureau, make_application
):
    application = make_application(number="U-1", received_on=date(2025, 3, 3))
    # Each kind twice, the later one recorded first: the ledger's row is about the first by date.
    for sent, answered in ((10, 17), (5, 7)):
        application.consultations.create(
            party="agency", sent_on=date(2025, 3, sent), opinion_received_on=date(2025, 3, answered)
        )
    for notified, amount in ((20, "200"), (4, "100")):
        application.fee_notices.create(
            method="per_page", amount=amount, notified_on=date(2025, 3, notified), paid_on=date(2025, 3, notified)
        )
    for kind, filed in (
        ("review", date(2025, 6, 1)),
        ("review", date(2025, 5, 6)),
        ("litigation_direct", date(2025, 7, 1)),
        ("litigation_direct", date(2025, 6, 10)),
    ):
        Appeal.objects.create(organization=bureau, application=application, kind=kind, filed_on=filed)
    changed = row(受理编号="U-1", 征求意见日期="2025-03-06", 意见收到日期="2025-03-08", 收费金额="150",
                  行政复议日期="2025-05-07", 行政复议结果="结果纠正", 行政诉讼日期="2025-06-11",
                  行政诉讼类型="复议后起诉", 行政诉讼结果="其他结果")  # fmt: skip
    assert import_ledger(ledger_csv(changed), "l.csv", bureau).updated == 1
    assert _children(application) == (
        [("agency", date(2025, 3, 10), date(2025, 3, 17)), ("agency", date(2025, 3, 6), date(2025, 3, 8))],
        [
            ("per_page", Decimal(200), date(2025, 3, 20), date(2025, 3, 20)),
            ("per_page", Decimal(150), date(2025, 3, 4), date(2025, 3, 4)),
        ],
        [
            (bureau.pk, "review", date(2025, 6, 1), "pending", None),
            (bureau.pk, "review", date(2025, 5, 7), "corrected", date(2025, 5, 7)),
            (bureau.pk, "litigation_direct", date(2025, 7, 1), "pending", None),
            (bureau.pk, "litigation_after_review", date(2025, 6, 11), "other", date(2025, 6, 11)),
        ],
    )


def test_an_import_adds_what_the_row_has_and_removes_what_it_no_longer_has(bureau):
    import_ledger(ledger_csv(row(受理编号="V-1")), "l.csv", bureau)
    application = Application.objects.get(number="V-1")
    added = row(受理编号="V-1", 征求意见日期="2025-03-05", 收费金额="100", 行政复议日期="2025-05-06",
                行政诉讼日期="2025-06-10", 行政诉讼类型="未经复议直接起诉")  # fmt: skip
    assert import_ledger(ledger_csv(added), "l.csv", bureau).updated == 1
    assert _children(application) == (
        [("third_party", date(2025, 3, 5), None)],
        [("per_application", Decimal(100), date(2025, 3, 3), date(2025, 3, 3))],
        [
            (bureau.pk, "review", date(2025, 5, 6), "pending", None),
            (bureau.pk, "litigation_direct", date(2025, 6, 10), "pending", None),
        ],
    )
    assert import_ledger(ledger_csv(row(受理编号="V-1")), "l.csv", bureau).updated == 1
    assert _children(application) == ([], [], [])


def _import_queries(organization, *rows) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        import_ledger(ledger_csv(*rows), "l.csv", organization)
    return len(context.captured_queries)


def test_checking_a_reimported_ledger_takes_as_many_queries_for_forty_rows_as_for_two(bureau):
    def rows(count):
        return [row(受理编号=f"Q-{n}", 征求意见日期="2025-03-05", 收费金额="100") for n in range(count)]

    import_ledger(ledger_csv(*rows(40)), "l.csv", bureau)
    assert _import_queries(bureau, *rows(40)) == _import_queries(bureau, *rows(2))


def test_numbers_of_other_organizations_are_found_anywhere_in_a_long_ledger(bureau, other_bureau, make_application):
    make_application(organization=other_bureau, number="N-0501")
    make_application(organization=other_bureau, number="N-1001")
    rows = [row(受理编号=f"N-{n:04d}") for n in range(1, 1002)]
    assert [str(error) for error in import_ledger(ledger_csv(*rows), "l.csv", bureau).errors] == [
        "第502行【受理编号】已被其他机关的申请使用",
        "第1002行【受理编号】已被其他机关的申请使用",
    ]


@pytest.mark.parametrize("state", [Application.State.WITHDRAWN, Application.State.AWAITING_PAYMENT])
def test_correcting_a_cell_keeps_a_state_the_ledger_has_no_column_for(make_application, bureau, state):
    """撤回 and 待缴费: the applicant's status page must not turn into 已答复 or 办理中 for a typo fixed."""
    received = date(2025, 3, 3)
    if state == Application.State.WITHDRAWN:
        application = make_application(state=state, received_on=received, concluded_on=date(2025, 3, 10), outcome="6.3")
    else:
        application = make_application(state=state, received_on=received)
        FeeNotice.objects.create(
            application=application, method="per_page", pages=150, amount=1700, notified_on=received
        )
    exported = io.BytesIO()
    export_ledger(exported, "l.csv", bureau)
    title = application.info_title
    corrected = exported.getvalue().decode("utf-8-sig").replace(title, f"{title}（更正）")
    result = import_ledger(io.BytesIO(corrected.encode("utf-8-sig")), "l.csv", bureau)
    application.refresh_from_db()
    assert result.ok and result.updated == 1 and application.info_title == f"{title}（更正）"
    assert application.state == state


def test_a_row_that_says_otherwise_still_changes_the_state(make_application, bureau):
    application = make_application(
        state="withdrawn", received_on=date(2025, 3, 3), concluded_on=date(2025, 3, 10), outcome="6.3"
    )
    exported = io.BytesIO()
    export_ledger(exported, "l.csv", bureau)
    corrected = exported.getvalue().decode("utf-8-sig").replace("其他处理-其他", "予以公开")
    assert import_ledger(io.BytesIO(corrected.encode("utf-8-sig")), "l.csv", bureau).updated == 1
    application.refresh_from_db()
    assert (application.state, application.outcome) == ("replied", "1")

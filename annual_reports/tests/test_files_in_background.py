"""Publishing asks for the report's files; a background task renders the whole set, never part of it."""

from datetime import date

import pytest
from django_tasks_db.models import DBTaskResult

from annual_reports import exports, services
from annual_reports.models import ReportFile
from tests.test_tasks import DATABASE_TASKS, run_worker

from .conftest import fill_in

pytestmark = pytest.mark.django_db(transaction=True)
GENERATING = "PDF、Word、Excel、网页和数据文件生成中"


@pytest.fixture
def published(settings, year_of_applications, editor, reviewer, quick_pdf):
    settings.TASKS = DATABASE_TASKS
    report = fill_in(services.generate_report(year_of_applications, 2025, by=editor))
    return services.publish_report(report, by=reviewer, today=date(2026, 1, 20))


def test_publishing_renders_nothing_and_the_page_says_generating(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    assert GENERATING in page and "下载 PDF" not in page
    download = client.get(f"/reports/{published.pk}/download/pdf/")
    assert download.status_code == 503 and download["Retry-After"] == "30"
    assert "文件正在生成" in download.content.decode()
    assert not ReportFile.objects.exists()
    assert DBTaskResult.objects.filter(task_path="annual_reports.tasks.render_files").count() == 1
    assert "生成中" in client.get("/reports/").content.decode()


def test_the_worker_stores_every_format_and_attaches_the_pdf(client, published):
    run_worker()
    page = client.get(published.get_absolute_url()).content.decode()
    assert GENERATING not in page and "下载 PDF" in page and "下载 Word" in page
    assert sorted(ReportFile.objects.values_list("fmt", flat=True)) == sorted(exports.STORED_FORMATS)
    stored = ReportFile.objects.get(fmt="docx").file.read()
    assert b"".join(client.get(f"/reports/{published.pk}/download/docx/").streaming_content) == stored
    published.refresh_from_db()
    assert list(published.catalog_item.attachments.values_list("original_name", flat=True)) == [
        ReportFile.objects.get(fmt="pdf").filename
    ]


def test_a_render_that_fails_half_way_stores_nothing_and_is_retried(client, published, settings, monkeypatch):
    settings.TASK_RETRY_SECONDS = 0
    render, failures = exports._render, {"left": 1}

    def excel_fails_once(report, fmt, figures):
        if fmt == "xlsx" and failures["left"]:
            failures["left"] -= 1
            raise MemoryError("the worker ran out of memory")
        return render(report, fmt, figures)

    monkeypatch.setattr(exports, "_render", excel_fails_once)
    run_worker()  # the first attempt fails at Excel, its retry is due at once and runs in the same batch
    assert sorted(ReportFile.objects.values_list("fmt", flat=True)) == sorted(exports.STORED_FORMATS)
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1


def test_without_a_worker_a_half_rendered_set_is_never_shown(client, published, settings, monkeypatch):
    monkeypatch.setattr(exports, "_render", _fails_on("xlsx"))
    settings.TASK_MAX_ATTEMPTS = 1
    run_worker()
    assert not ReportFile.objects.exists()
    assert GENERATING in client.get(published.get_absolute_url()).content.decode()


def _fails_on(failing: str):
    render = exports._render

    def rendering(report, fmt, figures):
        if fmt == failing:
            raise OSError("disk full")
        return render(report, fmt, figures)

    return rendering

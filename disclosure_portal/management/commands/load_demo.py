from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-portal-2026"


class Command(BaseCommand):
    help = "Load the demo city, its departments and street office, their items and applications (idempotent)."

    def handle(self, *args, **options):
        from annual_reports import demo as report_demo
        from applications import demo as application_demo
        from catalog import demo as catalog_demo
        from feedback import demo as feedback_demo

        with transaction.atomic():
            catalog_demo.load()
            application_demo.load()
            report_demo.load()
            feedback_demo.load()
            self._ensure_demo_staff()
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        self.stdout.write(
            f"Staff login: http://127.0.0.1:8000/admin/  user: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
        )

    def _ensure_demo_staff(self) -> None:
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True, "first_name": "演示管理员"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

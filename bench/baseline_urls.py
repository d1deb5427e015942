"""The portal's URLs plus the benchmarks' yardstick, a trivial view behind the same middleware.

Served only by the benchmarks' own settings (bench.baseline_settings): production has no such page.
"""

from django.http import HttpResponse
from django.urls import path

from disclosure_portal.urls import handler500
from disclosure_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def baseline(request):
    """Django's full middleware stack and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-baseline/", baseline, name="bench_baseline"), *portal_urlpatterns]

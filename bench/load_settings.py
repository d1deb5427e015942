"""Settings for bench/load.py: production settings, with the limits that assume real, distinct citizens lifted.

Every simulated citizen comes from 127.0.0.1, so the per-IP rate limits of the application form
would throttle the load itself; static files are served from the finders so no collectstatic is needed.
"""

from disclosure_portal.settings import *  # noqa: F403

APPLICATIONS_SUBMIT_RATE = "1000000/h"
APPLICATIONS_LOOKUP_RATE = "1000000/h"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

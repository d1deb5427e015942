"""Settings for the disclosure portal, every value read from the environment.

A first run on a laptop needs nothing (SQLite, DEBUG off unless asked for is the
one exception `make run` handles). In production DEBUG is off and the portal
refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import hashlib
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_rate,
    env_required,
    env_str,
    parse_database_url,
    redis_caches,
    replica_database,
    s3_storage,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    _secret = env_str("SECRET_KEY") or "insecure-development-key-never-use-in-production"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    _secret = env_required("SECRET_KEY", "with DEBUG off the portal needs a secret to sign sessions and tokens.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", "with DEBUG off list the host names the portal answers, comma separated.")

# The signing key is derived from SECRET_KEY so that any secret of the operator's
# choosing yields a full-length key; the operator's value still carries the entropy.
SECRET_KEY = hashlib.sha512(f"disclosure-portal:{_secret}".encode()).hexdigest()

INSTALLED_APPS = [
    "disclosure_portal.apps.PortalAdminConfig",  # django.contrib.admin, named after the portal
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "simple_history",
    "axes",
    "csp",
    "catalog",
    "search",
    "applications",
    "annual_reports",
    "django_tasks",
    "django_tasks_db",
    "disclosure_portal.apps.PortalConfig",
    "feedback",
    "open_data",
    "subscriptions",
    "site_check",
]

MIDDLEWARE = [
    "disclosure_portal.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the traditional-characters conversion, so the converted page is what is stored.
    "disclosure_portal.page_cache.PageCacheMiddleware",
    "disclosure_portal.replicas.ReadRoutingMiddleware",
    "disclosure_portal.middleware.TraditionalChineseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "disclosure_portal.middleware.ControlCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "disclosure_portal.urls"
WSGI_APPLICATION = "disclosure_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "disclosure_portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"), BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PostgreSQL streaming replicas for the reads of anonymous public pages (disclosure_portal.replicas).
READ_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    READ_REPLICAS.append(f"replica{_number}")
    DATABASES[READ_REPLICAS[-1]] = replica_database(_url, BASE_DIR)
DATABASE_ROUTERS = ["disclosure_portal.replicas.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 5, minimum=1)
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 10, minimum=1)
# A visitor's own requests go to the primary for this long after each of their POSTs (a signed cookie).
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 10, minimum=1)

# The shared cache (rate limits, lockouts, the page cache's tag tokens, the catalog's counts): Redis when
# REDIS_URL is set, so every node shares it; else the database's cache table, shared by the workers of one
# machine. Cached pages go to Redis as well, or else to a table of their own (culling pages when it is full
# must never take the tokens with it; a lost token only invalidates pages, but all of them at once).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, ("default", "pages"))
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    CACHES = {
        # One tag token per item page ever cached: Django's default of 300 entries would cull tokens, and
        # every page depending on them would be rendered again.
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 300000, minimum=300)},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_page_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 20000, minimum=100), "CULL_FREQUENCY": 4},
        },
    }

# The full-page cache of anonymous public pages (disclosure_portal.page_cache); 0 switches it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 5, minimum=0)
# As long as the catalog caches its counts (catalog.pagination.COUNT_SECONDS, the lists' and the trees').
PAGE_CACHE_SETTLE_SECONDS = env_int("PAGE_CACHE_SETTLE_SECONDS", 60, minimum=0)
PAGE_CACHE_ALIAS = "pages"
# X-Page-Cache (hit or miss) and X-Read-From (the replica a page was read from), for tests and benchmarks.
DIAGNOSTIC_HEADERS = env_bool("DIAGNOSTIC_HEADERS", False)
PAGE_CACHE_TAGS_ALIAS = "default"
# How long a process trusts the tag tokens it read (disclosure_portal.cache_tags): a hit then reads no shared
# state, and a change made on another node is seen this late at most. Keep it well under a second.
PAGE_CACHE_TOKEN_MS = env_int("PAGE_CACHE_TOKEN_MS", 500, minimum=0)
# Each process keeps the page frame's data (organizations, taxonomies, years) while the `frame` tag's token
# stays the same (disclosure_portal.frame); off only in the test suite.
PAGE_FRAME_REUSE = True

# Background tasks (django-tasks): run at once in the request by default, so one process is enough;
# `database` queues them for `manage.py db_worker` (see "Scaling out" in the README).
TASKS_BACKEND = env_choice("TASKS_BACKEND", "immediate", {"immediate", "database"})
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
    }
}
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5, minimum=1)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 30, minimum=0)
# A task running longer than this was claimed by a worker that died: `manage.py task_worker` runs it again.
TASK_STALE_SECONDS = env_int("TASK_STALE_SECONDS", 900, minimum=60)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Behind reverse proxies (nginx), the number of them that append to X-Forwarded-For: rate limits and
# lockouts then key on the client's address, not the proxy's (disclosure_portal.clients).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, minimum=0)
RATELIMIT_IP_META_KEY = "disclosure_portal.clients.client_address"
# A limiter that cannot count (the cache is unreachable, or SQLite's lock swallowed its write) must not turn
# citizens away as "too many": the request goes on and meets the outage itself (503) or succeeds.
RATELIMIT_FAIL_OPEN = True
# Requests per client to the open-data API (/api/v1/) and to its bulk exports, which read every matching row.
OPEN_DATA_RATE = env_rate("OPEN_DATA_RATE", "120/m")
OPEN_DATA_EXPORT_RATE = env_rate("OPEN_DATA_EXPORT_RATE", "30/h")
# Citizens' forms per client: applications sent and looked up, letters written and looked up, subscriptions asked
# for (per client, and per e-mail address so nobody's inbox is flooded with confirmations).
APPLICATIONS_SUBMIT_RATE = env_rate("APPLICATIONS_SUBMIT_RATE", "10/h")
APPLICATIONS_LOOKUP_RATE = env_rate("APPLICATIONS_LOOKUP_RATE", "20/h")
FEEDBACK_WRITE_RATE = env_rate("FEEDBACK_WRITE_RATE", "10/h")
FEEDBACK_LOOKUP_RATE = env_rate("FEEDBACK_LOOKUP_RATE", "20/h")
SUBSCRIPTIONS_RATE = env_rate("SUBSCRIPTIONS_RATE", "10/h")
SUBSCRIPTIONS_ADDRESS_RATE = env_rate("SUBSCRIPTIONS_ADDRESS_RATE", "5/h")
# A citizen's form sent sooner than this after it was shown is taken for a bot's (applications, letters).
APPLICATIONS_MIN_FORM_SECONDS = env_int("APPLICATIONS_MIN_FORM_SECONDS", 3, minimum=0)
AXES_CLIENT_IP_CALLABLE = "disclosure_portal.clients.client_address"

# Staff lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions live in the database; saving one during a database outage answers 503, not 400.
SESSION_ENGINE = "disclosure_portal.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": s3_storage() or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Upload limits, consistent from nginx (client_max_body_size) to gunicorn to Django: one file at most
# ATTACHMENT_MAX_BYTES; one request at most REQUEST_MAX_BYTES (an item saved with a few attachments),
# refused before it is read; form fields without files at most DATA_UPLOAD_MAX_MEMORY_SIZE.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 3 * ATTACHMENT_MAX_BYTES + 1024 * 1024, minimum=ATTACHMENT_MAX_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: SMTP in production, printed to the console while developing.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that hangs must not hold the page a step was taken on, nor a reminder run.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "政府信息公开 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# 访问次数 are counted in each process and written in one transaction per batch (catalog.counters): one UPDATE
# per item in the batch, so larger batches write less per view when the same items are read again and again.
CATALOG_VIEW_FLUSH_EVERY = env_int("CATALOG_VIEW_FLUSH_EVERY", 1000, minimum=1)
CATALOG_VIEW_FLUSH_SECONDS = env_int("CATALOG_VIEW_FLUSH_SECONDS", 60, minimum=1)

# New fruitless search queries kept for staff per day (known ones are always counted).
SEARCH_MISSES_PER_DAY = env_int("SEARCH_MISSES_PER_DAY", 500, minimum=0)

# The portal's public identity, shown in the page frame and meta tags.
PORTAL_NAME = env_str("PORTAL_NAME", "政府信息公开平台")
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "")
# What an inspector checks in the footer and the page tags (政府网站发展指引, 国办发〔2017〕47号).
# Empty values leave their line out; the sponsor and the contact default to the portal's organization.
PORTAL_DOMAIN = env_str("PORTAL_DOMAIN", "")  # SiteDomain; empty: the host of PORTAL_BASE_URL or of the request
PORTAL_SITE_CODE = env_str("PORTAL_SITE_CODE", "")  # 网站标识码 (SiteIDCode)
PORTAL_ICP_RECORD = env_str("PORTAL_ICP_RECORD", "")  # ICP备案号, linked to the MIIT record search
PORTAL_ICP_URL = env_str("PORTAL_ICP_URL", "https://beian.miit.gov.cn/")
PORTAL_POLICE_RECORD = env_str("PORTAL_POLICE_RECORD", "")  # 公安机关备案号, e.g. 浙公网安备33090202000001号
PORTAL_POLICE_RECORD_URL = env_str("PORTAL_POLICE_RECORD_URL", "")  # empty: the record's page on beian.gov.cn
PORTAL_CONAC_URL = env_str("PORTAL_CONAC_URL", "")  # the 党政机关网站 identifier's verification page
PORTAL_CONAC_IMAGE = env_str("PORTAL_CONAC_IMAGE", "")  # the identifier image, served by this site (CSP)
PORTAL_SPONSOR = env_str("PORTAL_SPONSOR", "")  # 主办单位
PORTAL_OPERATOR = env_str("PORTAL_OPERATOR", "")  # 承办单位
PORTAL_CONTACT_PHONE = env_str("PORTAL_CONTACT_PHONE", "")
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "")

# Security headers. HTTPS is assumed in production: TLS ends at the reverse proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

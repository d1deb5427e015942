"""Settings for the disclosure portal, every value read from the environment.

A first run on a laptop needs nothing (SQLite, DEBUG off unless asked for is the
one exception `make run` handles). In production DEBUG is off and the portal
refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import hashlib
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_required, env_str, parse_database_url

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
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

# A cache shared by every gunicorn worker: rate limits and view counters need one.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}

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

# Staff lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

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
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)

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
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "政府信息公开 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

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

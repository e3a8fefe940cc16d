"""Django settings for the whole platform, in one file, driven by environment variables.

Variables: DATABASE_URL (default: SQLite under var/), PRONGSAI_VAR_DIR, SECRET_KEY (default: generated
once into var/secret_key), DEBUG, ALLOWED_HOSTS (comma separated), CSRF_TRUSTED_ORIGINS,
SECURE_COOKIES (default on unless DEBUG), BEHIND_HTTPS_PROXY, TRUSTED_PROXIES (proxies whose
X-Forwarded-For is believed; default loopback behind the proxy), PRONGSAI_LOGIN_LIMIT (failed sign-ins
per username from one address in the window of accounts/login_rules.toml), PRONGSAI_MAX_REQUEST_BYTES and
PRONGSAI_IMPORT_MAX_BYTES (upload limits), PRONGSAI_DIGITS (the digits of every page:
arabic, the default, or thai).
Mail and links in notices and invitations: EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT (seconds, default 10), DEFAULT_FROM_EMAIL,
PRONGSAI_PUBLIC_URL
(e.g. https://ita.example.go.th, no trailing slash). PRONGSAI_RETRY_AFTER: seconds in the Retry-After
header of the 503 that Open311 and the JSON API answer while the database is unreachable (default 30).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import fontpkg_sarabun

WEB_DIR = Path(__file__).resolve().parent
PROJECT_DIR = WEB_DIR.parents[2]  # the checkout (src/prongsai/web → ../../..)
if not (PROJECT_DIR / "pyproject.toml").exists():  # installed from a wheel: keep data beside the cwd
    PROJECT_DIR = Path.cwd()
VAR_DIR = Path(os.environ.get("PRONGSAI_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # the secret key, uploads, evidence: owner only


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    """From the environment, else generated once and kept in var/ so sessions survive restarts."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():  # created owner-only, so there is no moment when others could read it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    elif path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(0o600)  # a key copied or restored readable by others is closed again
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # /api/docs then serves django-ninja's own copy of Swagger UI from static, not a CDN
    "csp",
    "django_tasks",
    "prongsai.web.tasks_app.TasksDbConfig",  # django_tasks_db, labelled in Thai
    # Prongsai apps: add a new app here (see docs/architecture.md, "Web conventions").
    "prongsai.web.agencies",
    "prongsai.web.audit",
    "prongsai.web.accounts",
    "prongsai.web.assessments",
    "prongsai.web.documents",
    "prongsai.web.dashboards",
    "prongsai.web.services",
    "prongsai.web.cases",
    "prongsai.web.open311",
    "prongsai.web.plans",
    "prongsai.web.participation",
    "prongsai.web.oit",
    "prongsai.web.surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An oversized body is refused (413) before anything below reads or parses it; no-store on staff pages.
    "prongsai.web.middleware.BodyLimitAndNoStoreMiddleware",
    # Control characters out of every query string, form field and JSON body, before anything reads them.
    "prongsai.web.textclean.TextCleanMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.web.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.web.middleware.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "prongsai.web.errors.TooManyRequestsMiddleware",
    # Innermost, so it sees the finished page: every HTML page in one digit style (PRONGSAI_DIGITS).
    "prongsai.web.digits.DigitStyleMiddleware",
]
# A refused form (expired or missing CSRF token) gets the site's own page, in Thai (errors.py).
CSRF_FAILURE_VIEW = "prongsai.web.errors.csrf_failure"

ROOT_URLCONF = "prongsai.web.urls"
WSGI_APPLICATION = "prongsai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The few fragments on hot paths (prongsai/web/jinja.py), in each app's jinja2/ folder.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [WEB_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "prongsai.web.jinja.environment"},
    },
]

DATABASES = {
    # An empty DATABASE_URL counts as unset (as in an env file with `DATABASE_URL=`).
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'prongsai.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the per-request health check skipped on a connection that just answered.
    DATABASES["default"]["ENGINE"] = "prongsai.web.pgbackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to one file: wait for locks instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Seconds a client is told to wait (Retry-After) when Open311 or the JSON API answers 503 because the
# database is unreachable (prongsai.web.outage).
OUTAGE_RETRY_AFTER = int(os.environ.get("PRONGSAI_RETRY_AFTER", "30"))

# Per-process memory cache: rendered analysis fragments keyed by immutable result-version ids, so an
# entry can never be stale (editing a result makes a new version with a new id).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PRONGSAI_CACHE_ENTRIES", "5000"))},
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's database sessions and model backend, with the per-request reads as plain SQL (accounts/).
SESSION_ENGINE = "prongsai.web.accounts.sessions"
AUTHENTICATION_BACKENDS = ["prongsai.web.accounts.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "dashboards:home"
# Failed sign-ins allowed for one username from one address within the window before that pair is
# refused; the rest of the policy (window, per-address limit) is data in accounts/login_rules.toml.
PRONGSAI_LOGIN_LIMIT = int(os.environ.get("PRONGSAI_LOGIN_LIMIT", "5"))
# Proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma separated; checked at start-up).
# Default: loopback when BEHIND_HTTPS_PROXY is on (nginx on this machine), no one otherwise.
TRUSTED_PROXIES = [
    p.strip()
    for p in os.environ.get(
        "TRUSTED_PROXIES", "127.0.0.1,::1" if _env_bool("BEHIND_HTTPS_PROXY", False) else ""
    ).split(",")
    if p.strip()
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns when it is missing before collectstatic
# Sarabun is served from the installed font package, never from the internet.
STATICFILES_DIRS = [WEB_DIR / "static", ("fonts", fontpkg_sarabun.ROOT / "files")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (make run, tests) whitenoise finds files through the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security: secure cookies unless explicitly turned off (plain-HTTP development on localhost).
SECURE_COOKIES = _env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_HTTPS_PROXY = _env_bool("BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

# Content-Security-Policy: everything from this origin, no inline scripts, no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Uploads and stored files (docs/operations.md, "Uploads and stored files"). A request body over
# PRONGSAI_MAX_REQUEST_BYTES (a form with files) or DATA_UPLOAD_MAX_MEMORY_SIZE (any other body) is
# refused with 413 before anything reads it (middleware.BodyLimitAndNoStoreMiddleware). Each kind of file
# then has its own limit, checked before the file is read: ITA imports here, progress evidence in
# plans/rules.toml, citizens' photos in cases/rules.toml (3 × 5 MB, hence 16 MB for a whole request).
PRONGSAI_MAX_REQUEST_BYTES = int(os.environ.get("PRONGSAI_MAX_REQUEST_BYTES", str(16 * 1024 * 1024)))
PRONGSAI_IMPORT_MAX_BYTES = int(os.environ.get("PRONGSAI_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# A refused body up to this size is read into nothing first, so the browser gets the Thai page rather
# than a reset connection (behind nginx, client_max_body_size stops larger ones before they arrive).
PRONGSAI_DISCARD_MAX_BYTES = 64 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # above this a file is parsed into a temporary file (0600)
# Kept uploads and their folders: readable by the service user only (backups are made the same way).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Outgoing mail (notices to citizens, plan reminders, staff invitations); Django's defaults (SMTP to
# localhost:25, no auth) otherwise. `prongsai run` prints mail on the console unless EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The background worker sends notices: a mail server that does not answer must not hold it for long
# (a failed notice is kept as an internal event of the case).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# The site's public address, put before tracking links in notices (they are sent outside a request).
PRONGSAI_PUBLIC_URL = os.environ.get("PRONGSAI_PUBLIC_URL", "").rstrip("/")
# The digits every HTML page is written in: "arabic" (default) or "thai" (web/digits.py).
PRONGSAI_DIGITS = os.environ.get("PRONGSAI_DIGITS", "arabic")
if PRONGSAI_DIGITS not in ("arabic", "thai"):
    raise ValueError(f"PRONGSAI_DIGITS must be 'arabic' or 'thai', not {PRONGSAI_DIGITS!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

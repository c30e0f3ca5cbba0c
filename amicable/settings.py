"""amicable settings: one module, driven by the environment.

Local mode (default): one user, SQLite and files in AMICABLE_HOME, a secret key generated there.
Server mode (AMICABLE_MODE=server): PostgreSQL via DATABASE_URL, secret key from the environment,
secure cookies and HSTS. Every variable read here is documented in docs/settings.md (a test checks).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    """Read one AMICABLE_*/DATABASE_URL variable (all of them are documented in docs/settings.md)."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env(name, "1" if default else "0").strip().lower()
    return raw in {"1", "true", "yes", "on"}


MODE = env("AMICABLE_MODE", "local").strip().lower()
if MODE not in {"local", "server"}:
    raise ImproperlyConfigured(f"AMICABLE_MODE must be 'local' or 'server', not {MODE!r}.")
LOCAL_MODE = MODE == "local"

HOME = Path(env("AMICABLE_HOME") or platformdirs.user_data_dir("amicable", appauthor=False)).expanduser()
HOME.mkdir(parents=True, exist_ok=True)


def _local_secret_key() -> str:
    path = HOME / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = env("AMICABLE_SECRET_KEY")
if not SECRET_KEY:
    if not LOCAL_MODE:
        raise ImproperlyConfigured("Server mode needs AMICABLE_SECRET_KEY (a long random string).")
    SECRET_KEY = _local_secret_key()

DEBUG = env_bool("AMICABLE_DEBUG", False)

if LOCAL_MODE:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    ALLOWED_HOSTS = [h.strip() for h in env("AMICABLE_ALLOWED_HOSTS").split(",") if h.strip()]
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Server mode needs AMICABLE_ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("AMICABLE_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "amicable.accounts",
    "amicable.cases",
    "amicable.evidence",
    "amicable.contracts",
    "amicable.messaging",
    "amicable.negotiation",
    "amicable.mediation",
    "amicable.escalation",
    "amicable.insights",
    "amicable.api",
]
# The domain apps, in the order their URLs, API routers, CLI commands and playbook steps are discovered.
AMICABLE_APPS = [a.rsplit(".", 1)[1] for a in INSTALLED_APPS if a.startswith("amicable.")]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "amicable.accounts.middleware.LoginRequiredMiddleware",
    "amicable.accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "amicable.urls"
WSGI_APPLICATION = "amicable.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amicable.accounts.context.amicable_context",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("AMICABLE_SQLITE_PATH") or str(HOME / "amicable.sqlite3"),
            "OPTIONS": {
                # WAL lets the web process read while a background import writes; IMMEDIATE avoids
                # "database is locked" upgrades inside write transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:dashboard"

LANGUAGE_CODE = "en"
TIME_ZONE = env("AMICABLE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing root
MEDIA_ROOT = Path(env("AMICABLE_FILES_DIR") or HOME / "files")

_storage_backend = env("AMICABLE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
_storage_options = json.loads(env("AMICABLE_STORAGE_OPTIONS") or "{}")
if _storage_backend.endswith("FileSystemStorage"):
    # Files are never served straight from disk: every download goes through a gated view.
    _storage_options.setdefault("location", str(MEDIA_ROOT))
    _storage_options.setdefault("base_url", None)
STORAGES = {
    "default": {"BACKEND": _storage_backend, "OPTIONS": _storage_options},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not LOCAL_MODE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = LOCAL_MODE

# Uploads: capped; anything above FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temp file, never memory.
AMICABLE_MAX_UPLOAD_MB = int(env("AMICABLE_MAX_UPLOAD_MB", "200"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600

_task_backend = env("AMICABLE_TASK_BACKEND", "database").strip().lower()
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[_task_backend],
        "QUEUES": ["default"],
    }
}

# Login links (local mode) and API tokens: random, stored hashed, expiring.
AMICABLE_LOGIN_LINK_MINUTES = int(env("AMICABLE_LOGIN_LINK_MINUTES", "15"))
AMICABLE_API_TOKEN_DAYS = int(env("AMICABLE_API_TOKEN_DAYS", "90"))
AMICABLE_BASE_URL = env("AMICABLE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email: SMTP when a host is configured, otherwise messages are written to files in AMICABLE_HOME/outbox.
EMAIL_HOST = env("AMICABLE_SMTP_HOST")
EMAIL_PORT = int(env("AMICABLE_SMTP_PORT", "587"))
EMAIL_HOST_USER = env("AMICABLE_SMTP_USER")
EMAIL_HOST_PASSWORD = env("AMICABLE_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("AMICABLE_SMTP_STARTTLS", True)
EMAIL_TIMEOUT = int(env("AMICABLE_SMTP_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = env("AMICABLE_FROM_EMAIL", "amicable@localhost")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(HOME / "outbox")

# Optional rewrite of drafts through an OpenAI-compatible chat endpoint (messaging/llm.py); off unless
# both the base URL and the model are set. Nothing is sent without the user's confirmation.
AMICABLE_LLM_BASE_URL = env("AMICABLE_LLM_BASE_URL").strip().rstrip("/")
AMICABLE_LLM_MODEL = env("AMICABLE_LLM_MODEL").strip()
AMICABLE_LLM_API_KEY = env("AMICABLE_LLM_API_KEY")
AMICABLE_LLM_TIMEOUT = int(env("AMICABLE_LLM_TIMEOUT", "30"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not LOCAL_MODE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("AMICABLE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("AMICABLE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("AMICABLE_LOG_LEVEL", "WARNING")},
}
AMICABLE_CLI_USER = env("AMICABLE_CLI_USER")

"""Tandem settings: everything that varies between machines comes from the environment.

Development defaults are safe and need nothing (SQLite under ``var/``, console email);
production sets ``TANDEM_DEBUG=0``, ``TANDEM_SECRET_KEY``, ``TANDEM_ALLOWED_HOSTS`` and
``DATABASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tandem.envconf import cache_from_url, envbool, envint, envlist

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TANDEM_VAR_DIR", PROJECT_DIR / "var"))

DEBUG = envbool("TANDEM_DEBUG", True)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105 - development only
SECRET_KEY = os.environ.get("TANDEM_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("TANDEM_SECRET_KEY must be set when TANDEM_DEBUG is off.")
# Keys that encrypt what pairs write (see accounts/fields.py). Development derives one from the
# secret key; production must provide its own so a leaked secret key alone reveals nothing.
TANDEM_FIELD_KEYS = envlist("TANDEM_FIELD_KEYS", [])
if not DEBUG and not TANDEM_FIELD_KEYS:
    raise RuntimeError("TANDEM_FIELD_KEYS must be set when TANDEM_DEBUG is off.")
ALLOWED_HOSTS = envlist("TANDEM_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("TANDEM_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("TANDEM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "tandem.accounts",
    "tandem.people",
    "tandem.programs",
    "tandem.matching",
    "tandem.mentorships",
    "tandem.insights",
    "tandem.recognition",
    "tandem.privacy",
    "tandem.operations",
    "tandem.web",
    "tandem.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tandem.web.middleware.ApiJsonErrors",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tandem.web.signed_in.SignedInPersonMiddleware",
    "tandem.people.middleware.PersonTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tandem.web.middleware.BadTextGuard",
    "tandem.web.twofactor.RequireTwoFactor",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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
]
# Form widgets are drawn with Django's own Jinja2 widget templates (the same HTML as its
# template-language ones, which the admin's widgets still use): web/renderer.py.
FORM_RENDERER = "tandem.web.renderer.WidgetRenderer"

_SQLITE_URL = f"sqlite:///{VAR_DIR / 'tandem.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _SQLITE_URL),
        # A worker keeps its connection a minute (one connect per request costs ~3 ms on
        # PostgreSQL); health checks drop a connection the server closed meanwhile.
        conn_max_age=envint("TANDEM_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server and the task worker read while one writes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TANDEM_TEST_DB") or None}
# Dashboards read a read replica when TANDEM_REPLICA_URL names one (operations/replica.py).
if os.environ.get("TANDEM_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["TANDEM_REPLICA_URL"], conn_max_age=envint("TANDEM_CONN_MAX_AGE", 60)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# On PostgreSQL, server-side binding lets each connection prepare the queries it runs again,
# so PostgreSQL stops parsing and planning them on every page: its CPU a page fell from 7 ms to
# under 3 (bench/load.py). TANDEM_DB_PREPARED=0 behind a pooler that cannot carry prepared
# statements (PgBouncer in transaction mode before 1.21).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and envbool(
        "TANDEM_DB_PREPARED", True
    ):
        _database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
DATABASE_ROUTERS = ["tandem.operations.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Password reset links are single-use and valid two hours.
PASSWORD_RESET_TIMEOUT = 2 * 3600

# Optional single sign-on with OpenID Connect (accounts/oidc.py): on when a client id and secret
# and an issuer (endpoints discovered) or the endpoints themselves are set. People are matched by
# email to accounts and to the directory; SSO never creates people.
TANDEM_OIDC_ISSUER = os.environ.get("TANDEM_OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("TANDEM_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("TANDEM_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("TANDEM_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("TANDEM_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("TANDEM_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("TANDEM_OIDC_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = os.environ.get("TANDEM_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
TANDEM_OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and OIDC_RP_CLIENT_SECRET
    and (
        TANDEM_OIDC_ISSUER
        or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_USER_ENDPOINT)
    )
)
if TANDEM_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("tandem.accounts.oidc.DirectoryOIDCBackend")

# Optional single sign-on with SAML 2.0 (accounts/saml.py): on when the identity provider's
# metadata is given (a URL, or a file). Signed assertions only; people are matched by email or
# employee id to accounts and to the directory; SSO never creates people.
TANDEM_SAML_IDP_METADATA_URL = os.environ.get("TANDEM_SAML_IDP_METADATA_URL", "")
TANDEM_SAML_IDP_METADATA_FILE = os.environ.get("TANDEM_SAML_IDP_METADATA_FILE", "")
TANDEM_SAML_SP_ENTITY_ID = os.environ.get("TANDEM_SAML_SP_ENTITY_ID", "")
TANDEM_SAML_SP_KEY_FILE = os.environ.get("TANDEM_SAML_SP_KEY_FILE", "")
TANDEM_SAML_SP_CERT_FILE = os.environ.get("TANDEM_SAML_SP_CERT_FILE", "")
TANDEM_SAML_ALLOW_IDP_INITIATED = envbool("TANDEM_SAML_ALLOW_IDP_INITIATED", False)
TANDEM_SAML_ATTRIBUTE_EMAIL = envlist(
    "TANDEM_SAML_ATTRIBUTE_EMAIL", ["email", "mail", "emailaddress"]
)
TANDEM_SAML_ATTRIBUTE_EMPLOYEE_ID = envlist(
    "TANDEM_SAML_ATTRIBUTE_EMPLOYEE_ID", ["employeeNumber", "employeeid"]
)
TANDEM_SAML_ATTRIBUTE_NAME = envlist("TANDEM_SAML_ATTRIBUTE_NAME", ["displayName", "name", "cn"])
TANDEM_SAML_ENABLED = bool(TANDEM_SAML_IDP_METADATA_URL or TANDEM_SAML_IDP_METADATA_FILE)
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "tandem_saml"
SAML_CSP_HANDLER = ""  # Tandem's policy stands: the redirect binding needs no inline script
if TANDEM_SAML_ENABLED:
    AUTHENTICATION_BACKENDS.append("tandem.accounts.saml.DirectorySaml2Backend")

# Rate limits and sign-in lock-outs count in this cache, shared by every worker on every
# machine: the database by default, Redis when TANDEM_CACHE_URL points at one.
CACHES = {"default": cache_from_url(os.environ.get("TANDEM_CACHE_URL", ""))}
# Sign-in throttling (accounts/services/throttle.py): an email + address pair is locked 15 min
# after TANDEM_LOGIN_FAILURE_LIMIT failures; an account alone only briefly, its owner told.
TANDEM_LOGIN_FAILURE_LIMIT = envint("TANDEM_LOGIN_FAILURE_LIMIT", 5)
# How many reverse proxies (load balancer, TLS terminator) stand in front and append to
# X-Forwarded-For; 0 trusts none and takes the connection's address.
TANDEM_TRUSTED_PROXY_COUNT = envint("TANDEM_TRUSTED_PROXY_COUNT", 0)
# Two-factor sign-in (TOTP) is optional for everyone; with TANDEM_REQUIRE_2FA=1 program
# managers, coaches, sponsors and superusers must set it up (single sign-on users exempt).
TANDEM_REQUIRE_2FA = envbool("TANDEM_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Tandem"
# django-axes is switched off: sign-in throttling is accounts/services/throttle.py (in the
# shared cache). Its app, middleware and backend stay until its tables are dropped.
AXES_ENABLED = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times are written one way per language (pages, emails, PDFs): tandem/formats/.
FORMAT_MODULE_PATH = ["tandem.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TANDEM_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get(
    "TANDEM_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("TANDEM_EMAIL_HOST")
    else "tandem.operations.email_backends.StderrEmailBackend",  # printed on standard error
)
EMAIL_HOST = os.environ.get("TANDEM_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("TANDEM_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("TANDEM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TANDEM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("TANDEM_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("TANDEM_EMAIL_FROM", "Tandem <tandem@localhost>")

DATA_UPLOAD_MAX_MEMORY_SIZE = envint("TANDEM_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

from tandem.settings_integrations import *  # noqa: E402,F403 - chat and calendar integrations

# Months after its close when a mentorship's confidential texts are purged; 0 keeps them.
TANDEM_RETENTION_MONTHS = envint("TANDEM_RETENTION_MONTHS", 24)
if TANDEM_RETENTION_MONTHS < 0:
    raise ValueError("TANDEM_RETENTION_MONTHS must be 0 (keep forever) or a number of months.")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form (expired page, cookies off) gets the app's page with a way back.
CSRF_FAILURE_VIEW = "tandem.web.errors.csrf_failure"
# Content Security Policy (django-csp): scripts and styles only from our own static files, no
# inline code at all, so injected markup cannot run. Ninja's Swagger page (/api/v1/docs) works
# under it as is (settings as JSON, code in static files); tests/trust/test_headers.py and the
# browser tests (which fail on any CSP violation in the console) hold the policy to this.
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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("TANDEM_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("TANDEM_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TANDEM_LOG_LEVEL", "WARNING")},
}

"""Convene settings: one module, read from the environment.

With nothing set this is the embedded default used by ``make run``: an SQLite file under ``var/``,
Celery tasks run eagerly in-process, and e-mails written as ``.eml`` files to ``var/outbox/``.
Production names ``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL`` (or the ``EMAIL_*`` variables),
``SECRET_KEY``, ``ALLOWED_HOSTS`` and sets ``DEBUG=false``; it then refuses unsafe combinations.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CONVENE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Our own 404 and 500 pages even with DEBUG on (``make run`` sets it): cop_platform/error_pages.py.
CONVENE_ERROR_PAGES = env_bool("CONVENE_ERROR_PAGES", False)
TESTING = env_bool("CONVENE_TESTING", False)

_DEV_SECRET = "convene-insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if (DEBUG or TESTING) else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Links in e-mails: the public address; by default where `make run` / runserver serves (follows PORT).
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "cop_platform",
    "cop_platform.accounts",
    "cop_platform.tenancy",
    "communities",
    "conveners",
    "programmes",
    "evaluation",
]

MIDDLEWARE = [
    "cop_platform.error_pages.ProductErrorPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cop_platform.headers.HtmxHistoryMiddleware",
    "cop_platform.tenancy.middleware.TenantMiddleware",
]

ROOT_URLCONF = "cop_platform.urls"
# Forms render with our NHS.UK-styled templates (templates/django/forms/), which override Django's.
FORM_RENDERER = "cop_platform.forms.FormRenderer"
WSGI_APPLICATION = "cop_platform.wsgi.application"

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
                "cop_platform.tenancy.context_processors.tenant",
                "cop_platform.email.server.mail_server_banner",
                "cop_platform.notifications.context.unread_notifications",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "convene.sqlite3")),
            "OPTIONS": {"timeout": 20},
            # A file, not shared memory, so a real Celery worker thread in the tests can write beside
            # the test (shared-cache memory databases lock whole tables).
            # One file per test process, so suites run side by side never share a database.
            "TEST": {"NAME": str(VAR_DIR / f"test-convene-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (shared across processes when Redis is configured: allauth's rate limits need it) -----
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("CACHE_URL", REDIS_URL),
            # Each test process keeps its own keys: rate-limit counts never leak between parallel workers or
            # from one run into the next on the same Redis.
            "KEY_PREFIX": f"convene-test-{os.getpid()}-{os.urandom(4).hex()}" if TESTING else "convene",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tenant pages kept, rendered, until something they show changes (cop_platform/pagecache.py), at most this
# many seconds (what only time changes: "in 3 days", a call closing). Every process must see the same change
# versions, so it is on only with the shared cache (Redis); 0 turns it off.
CONVENE_PAGE_CACHE_SECONDS = int(os.environ.get("CONVENE_PAGE_CACHE_SECONDS", "60" if REDIS_URL else "0"))

# --- Accounts ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "cop_platform.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "cop_platform.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"login": "cop_platform.accounts.login_form.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Convene] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Open sign-up is off: people arrive by invitation or are added by staff.
CONVENE_OPEN_SIGNUP = env_bool("CONVENE_OPEN_SIGNUP", False)
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# --- A second factor (allauth.mfa) and re-authentication; the checks are cop_platform/accounts/mfa.py ---
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Convene"
MFA_RECOVERY_CODES_SHOW_ONCE = True
# WebAuthn over plain http is only for the local demo and the browser tests on 127.0.0.1.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING
# Staff (admins, project managers, panel members, evaluators) must have a second factor before they
# reach their organisation's pages. On whenever DEBUG is off; the local demo leaves it off so its logins
# work with a password. The test suite signs staff in with passwords: off there unless a test turns it on.
CONVENE_REQUIRE_STAFF_MFA = env_bool("CONVENE_REQUIRE_STAFF_MFA", not DEBUG and not TESTING)
# Sensitive actions (role changes, releasing outcomes, approving payments) ask the person to confirm who
# they are when their last sign-in or confirmation is older than this. Off in the test suite (which signs
# in without a password) unless a test turns it on.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
CONVENE_SENSITIVE_REAUTHENTICATION = env_bool("CONVENE_SENSITIVE_REAUTHENTICATION", not TESTING)

# --- E-mail -----------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Convene <no-reply@convene.example.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_OUTBOX_DIR = Path(os.environ.get("EMAIL_OUTBOX_DIR", VAR_DIR / "outbox"))
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = urlsplit(EMAIL_URL)
    _email_query = parse_qs(_email.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or (465 if _email.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_SSL = _email.scheme == "smtps"
    EMAIL_USE_TLS = _email.scheme == "smtp+tls" or _email_query.get("tls", ["0"])[0] in {"1", "true"}
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "cop_platform.mail.OutboxEmailBackend"
EMAIL_TIMEOUT = 20
# The outbox (cop_platform.email): attempts before a message is given up, the back-off between them
# (doubling from the first delay up to the cap), the pause after a server fault (535, connection
# refused; not counted against the message), and the limits on mail a person can trigger.
CONVENE_EMAIL_MAX_ATTEMPTS = int(os.environ.get("CONVENE_EMAIL_MAX_ATTEMPTS", "8"))
CONVENE_EMAIL_RETRY_SECONDS = int(os.environ.get("CONVENE_EMAIL_RETRY_SECONDS", "60"))
CONVENE_EMAIL_RETRY_MAX_SECONDS = int(os.environ.get("CONVENE_EMAIL_RETRY_MAX_SECONDS", "3600"))
CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS = int(os.environ.get("CONVENE_EMAIL_SERVER_FAULT_RETRY_SECONDS", "300"))
CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR = int(os.environ.get("CONVENE_EMAIL_LIMIT_PER_PERSON_HOUR", "20"))
CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY = int(os.environ.get("CONVENE_EMAIL_LIMIT_PER_ADDRESS_DAY", "5"))

# --- Celery -----------------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Eager with no broker (the embedded default) and in tests, whose real-worker fixture switches it off.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL or TESTING)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = "Europe/London"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A hung broker must not hang a web request: bound every socket operation.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 5,
    "socket_connect_timeout": 3,
    "max_retries": 2,
    "visibility_timeout": 3600,
}
CELERY_BEAT_SCHEDULE = {
    "sweep-pending-email": {"task": "cop_platform.tasks.sweep_pending_email", "schedule": 300.0},
    # Expires invitations past their date and queues their reminders (the outbox sends them).
    "sweep-invitations": {"task": "communities.tasks.sweep_invitations", "schedule": 300.0},
    # Queues the pulse follow-ups that are due, once each (the outbox sends them).
    "sweep-pulse-follow-ups": {"task": "evaluation.tasks.sweep_pulse_follow_ups", "schedule": 3600.0},
    # Re-enqueues file builds still queued (the broker may have been down when they were asked for).
    "sweep-queued-builds": {"task": "cop_platform.tasks.sweep_queued_builds", "schedule": 300.0},
    # Queues the review-deadline reminders and the late digest due today, once each (the outbox sends them).
    "sweep-review-reminders": {"task": "conveners.tasks.sweep_review_reminders", "schedule": 3600.0},
    # The daily digest of notifications: one e-mail per person and organisation with something waiting.
    "notification-digests": {
        "task": "cop_platform.tasks.send_notification_digests",
        "schedule": crontab(hour=int(os.environ.get("CONVENE_DIGEST_HOUR", "7")), minute=0),
    },
}
CELERY_DB_REUSE_MAX = 200

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
NODE_MODULES = Path(os.environ.get("NODE_MODULES_DIR", BASE_DIR / "node_modules"))
# Third-party front-end assets come from npm at setup (package.json); none are committed.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/nhsuk-frontend", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# The NHS.UK stylesheet without its remote web font (cop_platform/staticfiles.py).
STATICFILES_FINDERS = [
    "cop_platform.staticfiles.NhsukFrontendFinder",
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder

# --- Security ---------------------------------------------------------------------------------------
# Sessions are read from the cache and written through to the database, so a signed-in page pays no
# session query; sign-out and flush clear both. Only with a cache every process shares (Redis), or a single
# process (``make run``, the tests): with local memory in several web processes, a sign-out would leave
# the session alive in the other processes' caches, so those keep database sessions.
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db" if REDIS_URL or DEBUG or TESTING
                  else "django.contrib.sessions.backends.db")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")

# --- Content-Security-Policy (django-csp) ----------------------------------------------------------
# Scripts, styles, fonts and images come from this site only; no inline script or style attribute, no
# plugins, no framing, forms post only here. The NHS.UK frontend's remote Frutiger font is not used
# (static/css/convene.css sets the system font stack), so no page asks another host for anything.
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

# --- Logging: no personal data in logs beyond what is needed ----------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint.progress": {"level": "WARNING"}},
}

PAGINATE_BY = 25

# Invitations to communities: how long a link stays valid, and when the one reminder goes out.
CONVENE_INVITATION_DAYS = int(os.environ.get("CONVENE_INVITATION_DAYS", "14"))
CONVENE_INVITATION_REMINDER_DAYS = int(os.environ.get("CONVENE_INVITATION_REMINDER_DAYS", "3"))
# Confirmations of an application by its co-leads and sponsor: how long an e-mailed link stays valid.
CONVENE_CONFIRMATION_DAYS = int(os.environ.get("CONVENE_CONFIRMATION_DAYS", "14"))
# Days after a pulse answer with a plan to try before its follow-up is sent (evaluation: about six weeks).
CONVENE_PULSE_FOLLOWUP_DAYS = int(os.environ.get("CONVENE_PULSE_FOLLOWUP_DAYS", "42"))

# Generated files (cop_platform.builds, cop_platform.pdf): the bounds on one PDF (its HTML in bytes, its
# pages after layout), the time limit of one build task (the hard limit is 30 s more), and where the files
# are kept — a private folder, never served by URL: only the permission-checked download view reads it.
CONVENE_PDF_MAX_HTML_BYTES = int(os.environ.get("CONVENE_PDF_MAX_HTML_BYTES", str(2 * 1024 * 1024)))
CONVENE_PDF_MAX_PAGES = int(os.environ.get("CONVENE_PDF_MAX_PAGES", "300"))
CONVENE_PDF_TASK_SECONDS = int(os.environ.get("CONVENE_PDF_TASK_SECONDS", "300"))
CONVENE_BUILDS_ROOT = Path(os.environ.get("CONVENE_BUILDS_ROOT", VAR_DIR / "builds"))

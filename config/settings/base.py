"""Settings shared by every environment. Everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from config.storage import file_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project
    "core",
    "cooperation",
    "funding",
    "cms",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "localflavor",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: the instant a request arrived, read before any lock or queue (core.middleware).
    "core.middleware.RequestArrivalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cooperation.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as its documentation asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Form widgets render through the project's templates too (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cooperation.accounts.context_processors.roles",
            ],
        },
    },
]

# Database: an SQLite file for one machine, DATABASE_URL (postgres://…) in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cooperation.User"
# First, the lock-out: refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cooperation.accounts.auth.EmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long an e-mail confirmation link stays valid, in seconds (it works once, and only for
# the address it was sent to: cooperation/accounts/tokens.py).
EMAIL_CONFIRMATION_MAX_AGE = env_int("EMAIL_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)

# Internationalisation: English and French; every deadline is shown in Brussels time.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]

# Static and media files. Private media (proposal attachments, minutes) lives outside
# the public media root and is served only through permission-checked views.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# With STORAGE_BUCKET set, both live in an S3-compatible bucket shared by every host
# (config/storage.py, docs/deployment.md).
STORAGES = {
    **file_storages(private_root=PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: console on one machine, SMTP in production (see production.py).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CSA Cooperation <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (a test bench),
# each message is written to a file in this folder instead of being sent.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))

# Background work: immediate on one machine, the database queue with a worker in production.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["default"],
    }
}
# The daily notices (cooperation.accounts.notifications.schedule), in this order: the
# reminders first, so that those held for a digest go out in the same morning's digest.
NOTICE_DAILY_JOBS = [
    "cooperation.forum.reminders.commitment_send_reminders",
    "funding.reporting.reminders.reporting_send_reminders",
    "cooperation.accounts.notifications.services.digest_send_all",
]

# Wagtail
WAGTAIL_SITE_NAME = "CSA Cooperation"
# The site's public address: sitemap, calendar feed and the Wagtail site record use it, so no
# link ever says http://localhost/ (cms.sites keeps the default Wagtail site in line).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# One address for the whole site: Wagtail's own notices use the same one.
WAGTAILADMIN_BASE_URL = SITE_URL
# An empty filter reads "Any", never "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Any")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAIL_USER_EDIT_FORM = "cooperation.accounts.forms.WagtailUserEditForm"
WAGTAIL_USER_CREATION_FORM = "cooperation.accounts.forms.WagtailUserCreationForm"
WAGTAIL_USER_CUSTOM_FIELDS = ["first_name", "last_name"]
WAGTAIL_PASSWORD_RESET_ENABLED = False  # one password reset, through the accounts pages
# No Gravatar: the CSP allows images from the site only, and a Gravatar address (a hash of
# the e-mail) would tell a third party who works here. Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

WAGTAIL_ADMIN_PATH = "/admin/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.security.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Staff sign in through the same pages as everyone else.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Caches: memory on one machine, the database cache in production (see production.py). No
# security counter lives in a cache: sign-in failures and reset requests are database rows.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Slowing down password guessing: failures per e-mail and per client address in a window;
# a locked-out sign-in is refused for the window after the last failure. Password-reset
# e-mails: requests per e-mail and per client address, each counting for the window.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
PASSWORD_RESETS_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_ACCOUNT", 3)
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
PASSWORD_RESET_WINDOW = env_int("PASSWORD_RESET_WINDOW", 60 * 60)

# The sign-in lock-out is django-axes on its database table, configured from the settings
# above through the callables of cooperation/accounts/throttle.py (read at every attempt).
AXES_HANDLER = "cooperation.accounts.throttle.AccountOrAddressHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # the account OR the address
AXES_FAILURE_LIMIT = "cooperation.accounts.throttle.sign_in_failure_limit"
AXES_COOLOFF_TIME = "cooperation.accounts.throttle.sign_in_window"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused tries do not prolong it
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # what Django's sign-in forms call the e-mail field
AXES_USERNAME_CALLABLE = "cooperation.accounts.throttle.sign_in_username"
AXES_CLIENT_IP_CALLABLE = "cooperation.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "cooperation.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # keep what the lock-out needs, not a log of every sign-in

# Staff roles (programme managers, secretariat, editors, administrators) must confirm a
# second factor (an authenticator app) after the password. Turned off only for the demo.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
# The second factor is django-otp's: a TOTP device (the app) and a static device (ten
# single-use recovery codes). After each wrong code a device refuses every code for
# factor x 2^(failures - 1) seconds; the count is kept on the device's row.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = env_int("OTP_TOTP_THROTTLE_FACTOR", 1)
OTP_STATIC_THROTTLE_FACTOR = env_int("OTP_STATIC_THROTTLE_FACTOR", 1)
# Django's admin lists the devices (deleting one resets it) but never shows a key or a code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Funded portfolio: exports above this many projects run as a background task; the
# 360Giving publisher prefix (registered with 360Giving) names grants and organisations.
PORTFOLIO_EXPORT_ASYNC_ROWS = env_int("PORTFOLIO_EXPORT_ASYNC_ROWS", 2000)
GIVING360_PREFIX = env_str("GIVING360_PREFIX", "csa-coop")
GIVING360_FUNDER_NAME = env_str("GIVING360_FUNDER_NAME", "European Commission")

# Grant preparation: the time to grant, in months from the topic's deadline (DOMAIN.md: 8).
GRANT_PREPARATION_MONTHS = env_int("GRANT_PREPARATION_MONTHS", 8)
# Payment rules per programme code, in percent of the maximum grant (the project's EU
# contribution); a programme not named uses "default". `prefinancing`: the pre-financing
# rate; `retention`: what is withheld from it (Horizon Europe's Mutual Insurance Mechanism,
# 5 %); `cap`: the ceiling of pre-financing plus interim payments (DOMAIN.md: 90 %). The
# 50 % pre-financing rate is this platform's assumption, not a rule of DOMAIN.md.
PORTFOLIO_PAYMENT_RULES = {
    "default": {"prefinancing": "50", "retention": "0", "cap": "90"},
    "HORIZON": {"prefinancing": "50", "retention": "5", "cap": "90"},
}

# Applicants: invitation links and proposal attachments.
ORGANISATION_INVITATION_MAX_AGE = env_int("ORGANISATION_INVITATION_MAX_AGE", 14 * 24 * 3600)
PROPOSAL_ATTACHMENT_MAX_BYTES = env_int("PROPOSAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES = env_int(
    "PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES", 30 * 1024 * 1024
)

# The task worker (`manage.py task_worker`) hands back to the queue a task that has been
# running for longer than this many seconds: its worker is taken to have died
# (core/task_recovery.py). Longer than the longest task (a large portfolio export).
TASKS_RUNNING_LEASE = env_int("TASKS_RUNNING_LEASE", 30 * 60)

# Dates as the project writes them ("12 January 2027", "12 janvier 2027 à 17:00"), read
# before Django's own locale formats; French thousands with a narrow no-break space.
FORMAT_MODULE_PATH = ["core.formats"]

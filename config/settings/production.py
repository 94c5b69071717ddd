"""Production: PostgreSQL, SMTP, the database task queue, HTTPS only. Secrets must be set."""

from config.env import env_bool, env_float, env_int, env_list, env_str
from config.sentry import sentry_start

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, STORAGES

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Static files served by the application itself (no CDN): WhiteNoise after SecurityMiddleware.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
# Every request gets an id, in its log lines and Sentry events (docs/operations.md).
MIDDLEWARE = ["config.logs.RequestIdMiddleware", *MIDDLEWARE]

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("CACHE_LOCATION", "csa_cache"),
    }
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer asks for the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Logs: one JSON object per line on standard error, e-mail addresses masked.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "config.logs.JsonLogFormatter"}},
    "handlers": {"console": {**LOGGING["handlers"]["console"], "formatter": "json"}},
}

# Error reporting: only when SENTRY_DSN is set; no personal data is sent (config/sentry.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    MIDDLEWARE = [MIDDLEWARE[0], "config.sentry.SentryRequestMiddleware", *MIDDLEWARE[1:]]
    sentry_start(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )

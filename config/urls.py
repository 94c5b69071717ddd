from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import health

urlpatterns = [
    path("healthz/", health, name="health"),
    path("accounts/", include("cooperation.accounts.urls")),
    path("organisations/", include("cooperation.organisations.urls")),
    path("applicant/projects/", include("funding.reporting.urls")),
    path("applicant/", include("funding.proposals.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("forum/", include("cooperation.forum.urls")),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/portfolio/", include("funding.portfolio.urls")),
    path("staff/evaluation/", include("funding.evaluation.urls.staff")),
    path("expert/", include("funding.evaluation.urls.expert")),
    path("applicant/evaluation/", include("funding.evaluation.urls.results")),
    path("staff/audit/", include("audit.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages are Wagtail's: keep this last.
urlpatterns += [path("", include("cms.urls")), path("", include(wagtail_urls))]

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.sitemaps import BilingualSitemap
from config.health import health

# Addresses without a language: machines' (health, sitemap, robots), the administration
# screens (each editor's own language), documents, and the language switch itself.
urlpatterns = [
    path("healthz/", health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything people read carries its language in the address: English unprefixed,
# French under /fr/ (a French link can be shared; the pages name each other with hreflang).
urlpatterns += i18n_patterns(
    path("accounts/", include("cooperation.accounts.urls")),
    path("organisations/", include("cooperation.organisations.urls")),
    path("applicant/projects/", include("funding.reporting.urls")),
    path("applicant/", include("funding.proposals.urls")),
    path("forum/", include("cooperation.forum.urls")),
    path("staff/portfolio/", include("funding.portfolio.urls")),
    path("staff/evaluation/", include("funding.evaluation.urls.staff")),
    path("expert/", include("funding.evaluation.urls.expert")),
    path("applicant/evaluation/", include("funding.evaluation.urls.results")),
    path("staff/audit/", include("audit.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Public pages are Wagtail's: keep these last.
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

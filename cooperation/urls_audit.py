from django.urls import path

from cooperation.views import audit

app_name = "audit"

urlpatterns = [path("", audit.AuditListView.as_view(), name="list")]

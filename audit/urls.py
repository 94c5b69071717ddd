from django.urls import path

from audit import views as audit

app_name = "audit"

urlpatterns = [path("", audit.AuditListView.as_view(), name="list")]

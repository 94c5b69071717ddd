from django.urls import path

from cooperation.organisations import views as organisations

app_name = "organisations"

urlpatterns = [
    path("", organisations.MyOrganisationsView.as_view(), name="mine"),
    path("register/", organisations.RegisterOrganisationView.as_view(), name="register"),
    path("<int:pk>/", organisations.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/invite/", organisations.InviteView.as_view(), name="invite"),
    path(
        "invitations/<str:token>/",
        organisations.accept_invitation,
        name="accept_invitation",
    ),
]

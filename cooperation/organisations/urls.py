from django.urls import path

from cooperation.organisations import member_views
from cooperation.organisations import views as organisations

app_name = "organisations"

urlpatterns = [
    path("", organisations.MyOrganisationsView.as_view(), name="mine"),
    path("register/", organisations.RegisterOrganisationView.as_view(), name="register"),
    path("<int:pk>/", organisations.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/invite/", organisations.InviteView.as_view(), name="invite"),
    path(
        "<int:pk>/members/<int:member>/role/",
        member_views.MemberRoleView.as_view(),
        name="member_role",
    ),
    path(
        "<int:pk>/members/<int:member>/remove/",
        member_views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path(
        "<int:pk>/invitations/<int:invitation>/withdraw/",
        member_views.InvitationActionView.as_view(action="withdraw"),
        name="invitation_withdraw",
    ),
    path(
        "<int:pk>/invitations/<int:invitation>/resend/",
        member_views.InvitationActionView.as_view(action="resend"),
        name="invitation_resend",
    ),
    path(
        "invitations/<str:token>/",
        organisations.accept_invitation,
        name="accept_invitation",
    ),
]

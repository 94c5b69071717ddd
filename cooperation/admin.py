from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from cooperation.models import Membership, Organisation, User


def _superusers_only(request):
    return request.user.is_active and request.user.is_superuser


# Django's admin is a tool of last resort for superusers; everyone else works in the
# Wagtail admin (/admin/) or the staff pages. django-otp registers its own admin screens
# for the authenticator apps and recovery codes (keys and codes hidden, see
# OTP_ADMIN_HIDE_SENSITIVE_DATA): deleting a device there resets it, though users do this
# themselves from their profile.
admin.site.has_permission = _superusers_only
admin.site.site_header = _("CSA Cooperation — system administration")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "email_confirmed_at"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined", "email_confirmed_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "short_name", "country", "organisation_type", "pic"]
    list_filter = ["organisation_type", "country"]
    search_fields = ["legal_name", "short_name", "pic"]

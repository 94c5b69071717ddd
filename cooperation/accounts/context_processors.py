from cooperation.accounts.permissions import can_use_staff_area
from cooperation.accounts.roles import user_role_names


def roles(request):
    """What the navigation offers; the views still check every access themselves."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_staff": False, "nav_roles": frozenset()}
    return {"nav_staff": can_use_staff_area(user).allowed, "nav_roles": user_role_names(user)}

from wagtail import hooks

from funding.calls.viewsets import CallsViewSetGroup


@hooks.register("register_admin_viewset")
def register_calls_viewsets():
    return CallsViewSetGroup()

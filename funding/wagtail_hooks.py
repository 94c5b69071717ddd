from wagtail import hooks

from funding.viewsets.calls import CallsViewSetGroup


@hooks.register("register_admin_viewset")
def register_calls_viewsets():
    return CallsViewSetGroup()

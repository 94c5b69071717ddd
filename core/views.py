from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class RuleRequiredMixin:
    """Ask a permission rule before serving the view.

    `rule` is a pure function `(user, obj) -> Verdict`. A visitor who is not signed in is
    sent to the log-in page; anyone else who is refused gets a 403 page with the reason.
    Views that check an object override `get_rule_object()`; a view whose rule depends on
    the request (a page read-only once its object is locked) overrides `get_rule()`.
    """

    rule = None

    def get_rule_object(self):
        return None

    def get_rule(self):
        return type(self).rule

    def dispatch(self, request, *args, **kwargs):
        if self.rule is None:
            raise PermissionDenied("This page has no access rule.")  # deny by default
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        verdict = self.get_rule()(request.user, self.get_rule_object())
        if not verdict.allowed:
            raise PermissionDenied(verdict.reason)
        return super().dispatch(request, *args, **kwargs)

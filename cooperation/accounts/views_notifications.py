"""The notification preferences page (signed in) and the one-click unsubscribe pages of the
weekly digest (a signed link, no sign-in)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from cooperation.accounts.notifications.forms import PreferencesForm
from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import (
    preference_set,
    preferences_of,
    unsubscribe_read,
)
from cooperation.accounts.permissions import can_edit_profile
from core.views import RuleRequiredMixin


class PreferencesView(RuleRequiredMixin, FormView):
    rule = can_edit_profile
    form_class = PreferencesForm
    template_name = "accounts/notifications.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.current = preferences_of(user=self.request.user)
        kwargs.update(kinds=list(self.current), initial_choices=self.current)
        return kwargs

    def form_valid(self, form):
        for kind, delivery in form.cleaned_data.items():
            if delivery != self.current.get(kind):
                preference_set(user=self.request.user, kind=kind, delivery=delivery)
        messages.success(self.request, _("Your notification preferences are saved."))
        return redirect("accounts:notifications")


class UnsubscribeView(View):
    """GET shows what the link stops and asks to confirm; POST (CSRF-checked) records
    "nothing" for that kind. Mail clients that open links do not unsubscribe anyone."""

    def dispatch(self, request, token):
        found = unsubscribe_read(token=token)
        if found is None:
            return render(request, "accounts/unsubscribe_failed.html", status=400)
        self.person, self.kind = found
        return super().dispatch(request, token)

    def _context(self):
        return {"kind_label": dict(NoticeKind.choices)[self.kind], "email": self.person.email}

    def get(self, request, token):
        return render(request, "accounts/unsubscribe.html", self._context())

    def post(self, request, token):
        preference_set(user=self.person, kind=self.kind, delivery=Delivery.NONE)
        context = self._context() | {"preferences": reverse("accounts:notifications")}
        return render(request, "accounts/unsubscribe_done.html", context)

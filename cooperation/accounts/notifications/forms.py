from django import forms

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind


class PreferencesForm(forms.Form):
    """One choice per kind of notice the person is offered."""

    def __init__(self, *args, kinds: list[str], initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(NoticeKind.choices)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=labels[kind],
                choices=Delivery.choices,
                initial=initial_choices.get(kind),
                widget=forms.RadioSelect,
            )

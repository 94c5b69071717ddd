"""Staff forms for calls and topics."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.brussels import BRUSSELS, DEADLINE_TIME, brussels, brussels_deadline

_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
_DATETIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]


class BrusselsDateTimeField(forms.Field):
    """A date and time typed on a Brussels wall clock. A date alone means `default_time`
    (17:00:00 for deadlines), in summer or winter time as Brussels keeps it that day."""

    widget = forms.TextInput

    def __init__(self, *, default_time: dt.time = DEADLINE_TIME, **kwargs):
        self.default_time = default_time
        kwargs.setdefault(
            "help_text",
            _("Brussels time, as 2024-11-20 17:00:00. A date alone means %(time)s Brussels time.")
            % {"time": default_time.strftime("%H:%M:%S")},
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.datetime):
            return brussels(value).strftime("%Y-%m-%d %H:%M:%S")
        return value

    def to_python(self, value):
        if isinstance(value, dt.datetime):
            return value
        value = (value or "").strip()
        if not value:
            return None
        for fmt in _DATE_FORMATS:
            try:
                return brussels_deadline(dt.datetime.strptime(value, fmt).date(), self.default_time)
            except ValueError:
                continue
        for fmt in _DATETIME_FORMATS:
            try:
                return dt.datetime.strptime(value, fmt).replace(tzinfo=BRUSSELS)
            except ValueError:
                continue
        raise ValidationError(
            _("Enter a date as 2024-11-20, or a date and time as 2024-11-20 17:00:00."),
            code="invalid",
        )

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class TopicAdminForm(WagtailAdminModelForm):
    opening_at = BrusselsDateTimeField(label=_("opens at"), default_time=dt.time(0, 0, 0))
    deadline_at = BrusselsDateTimeField(label=_("deadline"))
    second_deadline_at = BrusselsDateTimeField(label=_("second-stage deadline"), required=False)

"""Workstreams of the EU Internet Forum, the prevention network and WeProtect, their status
history, and their meetings with attendance, minutes and public summary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.forum.models.stakeholders import ContactPerson, Stakeholder
from core.brussels import brussels_deadline
from core.files import private_storage, validate_document
from core.translated import localized


class Forum(models.TextChoices):
    EU_INTERNET_FORUM = "eu_internet_forum", _("EU Internet Forum")
    PREVENTION_NETWORK = "prevention_network", _("EU prevention network")
    WEPROTECT = "weprotect", _("WeProtect Global Alliance")
    EU_CENTRE = "eu_centre", _("EU centre preparation")


class StrategyInitiative(models.IntegerChoices):
    """The eight initiatives of the EU strategy COM(2020) 607."""

    IMPLEMENTATION = 1, _("1. Full implementation of current legislation")
    LEGISLATION = 2, _("2. EU legislation for an effective response")
    MAPPING = 3, _("3. Mapping gaps, best practices and priority actions")
    LAW_ENFORCEMENT = 4, _("4. Stronger law-enforcement efforts")
    PREVENTION = 5, _("5. Prevention")
    EU_CENTRE = 6, _("6. A European centre")
    INDUSTRY = 7, _("7. Industry efforts through the EU Internet Forum")
    GLOBAL = 8, _("8. Global cooperation through WeProtect")


class WorkstreamStatus(models.TextChoices):
    """Changed only through cooperation.forum.workstream_workflow (proposed → active → closed)."""

    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Workstream(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    forum = models.CharField(_("forum or network"), max_length=24, choices=Forum.choices)
    initiative = models.PositiveSmallIntegerField(
        _("strategy initiative"), choices=StrategyInitiative.choices
    )
    lead = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_workstreams",
        verbose_name=_("lead stakeholder"),
    )
    description = models.TextField(_("description"), blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=WorkstreamStatus.choices, default="proposed"
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site with its commitments.")
    )

    class Meta:
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["forum", "name"]

    def __str__(self):
        return localized(self, "name")


class WorkstreamStatusChange(models.Model):
    """One status change of a workstream, written by the workflow engine (core.workflow)."""

    workstream = models.ForeignKey(
        Workstream,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("workstream"),
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=12, choices=WorkstreamStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=WorkstreamStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("workstream status change")
        verbose_name_plural = _("workstream status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.workstream}: {self.from_status} → {self.to_status}"


class WorkstreamRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class WorkstreamMember(models.Model):
    workstream = models.ForeignKey(
        Workstream, on_delete=models.CASCADE, related_name="members", verbose_name=_("workstream")
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="workstream_memberships",
        verbose_name=_("stakeholder"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=WorkstreamRole.choices, default="member"
    )

    class Meta:
        verbose_name = _("workstream member")
        verbose_name_plural = _("workstream members")
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "stakeholder"], name="workstreammember_unique"
            )
        ]

    def __str__(self):
        return f"{self.stakeholder} — {self.workstream} ({self.get_role_display()})"


class MeetingKind(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial")
    TECHNICAL = "technical", _("Technical")
    WORKING_GROUP = "working_group", _("Working group")


class MeetingQuerySet(models.QuerySet):
    def summary_published(self):
        """Meetings whose public summary is published: what the public site may show."""
        return self.filter(summary_published_at__isnull=False).exclude(public_summary="")


class Meeting(models.Model):
    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("workstream")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("start time (Brussels)"),
        null=True,
        blank=True,
        help_text=_("Brussels time, for example 10:00."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.FileField(
        _("minutes"),
        storage=private_storage,
        upload_to="forum/minutes/%Y/",
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, DOCX or ODT, up to 10 MB. Only the secretariat can download it."),
    )
    public_summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_(
            "Shown on the public page of the workstream once published. Write nothing that "
            "is not public: no names of people, no attendance."
        ),
    )
    summary_published_at = models.DateTimeField(_("summary published at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y})"

    def clean(self):
        if not self.online and not self.place.strip():
            raise ValidationError({"place": _("Give the place of the meeting, or tick “online”.")})

    @property
    def starts_at(self):
        """The aware instant the meeting starts, on the Brussels clock; None without a time."""
        if self.start_time is None:
            return None
        return brussels_deadline(self.date, self.start_time)

    @property
    def summary_is_published(self) -> bool:
        return self.summary_published_at is not None

    @property
    def where(self) -> str:
        if self.online and self.place:
            return _("%(place)s and online") % {"place": self.place}
        return str(_("Online")) if self.online else self.place


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="+", verbose_name=_("stakeholder")
    )
    person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default="present"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "stakeholder"], name="attendance_unique")
        ]

    def __str__(self):
        return f"{self.stakeholder} — {self.get_status_display()}"

"""The one engine of every status workflow: proposals, funded projects, and any to come.

A workflow is data: a table of transitions (which action moves the entity from which
status to which, who may take it, what must hold first, whether a reason is needed) and
the few things the entity adds (the fields stamped with each change, its history model).
`Workflow.apply` (and `Workflow.apply_many`, the same judgment for many rows at once) is
the only code that changes a status. It locks the entity's row,
reads the clock once the lock is held, refuses in plain words anything the table does not
allow, judges `who` and the guard on the locked row, then writes the status and the
history row in the same transaction.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.verdicts import Verdict, signed_in

Who = Callable[[Any, Any], Verdict]  # (user, entity) -> Verdict
Guard = Callable[[Any, dt.datetime], str | None]  # (entity, now) -> problem text or None
Stamp = Callable[[Any, Any, dt.datetime], Sequence[str]]  # sets fields, returns their names
Unknown = Callable[[Any, str], str]  # (locked entity, action) -> refusal text


# Rows per statement of a bulk change (`Workflow.apply_many`).
BULK_BATCH = 1000


class TransitionRefused(Exception):
    """A status change the workflow does not allow; the message says why in plain words."""


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    who: Who
    guard: Guard | None = None
    needs_reason: bool = False
    label: str = ""


class Applied(NamedTuple):
    """What `Workflow.apply` changed: the locked, updated entity and its history row."""

    obj: models.Model
    change: models.Model


def _stamp_nothing(obj, user, now) -> Sequence[str]:
    return ()


def _unknown_action(obj, action: str) -> str:
    return _("This action (%(action)s) is not possible from the status “%(status)s”.") % {
        "action": action,
        "status": obj.get_status_display(),
    }


@dataclass(frozen=True)
class Workflow:
    """One entity's table and what a change writes besides the status."""

    model: type[models.Model]
    transitions: tuple[Transition, ...]
    # The history model, with the entity's foreign key named `history_of` and the fields
    # action, from_status, to_status, changed_by, changed_at and reason.
    history: type[models.Model]
    history_of: str
    stamp: Stamp = _stamp_nothing
    unknown: Unknown = _unknown_action
    reason_missing: str = ""
    changed_meanwhile: str = ""
    # Loaded with the locked row (joined, but only the entity's own row is locked).
    related: tuple[str, ...] = ()

    def find(self, action: str, source: str) -> Transition | None:
        return next(
            (t for t in self.transitions if t.action == action and t.source == source), None
        )

    def from_status(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == source]

    def actions_from(self, source: str) -> list[str]:
        return [t.action for t in self.from_status(source)]

    def lock(self, obj) -> models.Model:
        """The entity's row, read again under `SELECT … FOR UPDATE` of that row alone."""
        return (
            self.model.objects.select_for_update(of=("self",))
            .select_related(*self.related)
            .get(pk=obj.pk)
        )

    def apply(
        self,
        *,
        obj,
        action: str,
        user,
        reason: str = "",
        now: dt.datetime | None = None,
        seen_status: str | None = None,
    ) -> Applied:
        """Take `action` on `obj` for `user`, or raise TransitionRefused saying why.

        Without `now`, the clock is read once the row is locked, so that a request that
        waited for the lock is judged by when it got it. With `seen_status` (the status
        the user acted on), a row that someone else moved meanwhile is refused."""
        with transaction.atomic():
            locked = self.lock(obj)
            now = now or timezone.now()
            if seen_status is not None and locked.status != seen_status:
                raise TransitionRefused(
                    str(self.changed_meanwhile)
                    or _("Someone else changed the status meanwhile; please reload.")
                )
            transition, reason = self._judge(locked, action, user, reason, now)
            locked.status = transition.target
            stamped = self.stamp(locked, user, now)
            locked.save(update_fields=["status", *stamped])
            change = self.history.objects.create(
                **self._history_fields(locked, transition, user, now, reason)
            )
        return Applied(locked, change)

    def apply_many(
        self,
        *,
        changes: Sequence[tuple[Any, str, str]],
        user,
        now: dt.datetime | None = None,
        related: tuple[str, ...] | None = None,
        prepare: Callable[[list], None] | None = None,
    ) -> list[Applied]:
        """Take many `(obj, action, reason)` changes for `user` at once, all or nothing: the
        rows locked in one query (in primary-key order, as every bulk writer locks them),
        each change judged exactly as `apply` judges one (who, the reason, the guard on the
        locked row), then the statuses written in bulk and the history rows in one insert.
        A refusal names the row and undoes them all.

        `related` joins what the guards read to the locked rows (the workflow's own
        `related` without it); `prepare(rows)` may set on them, from one bulk query, what a
        guard or the stamp would otherwise read row by row.
        """
        if not changes:
            return []
        wanted = {obj.pk: (action, reason) for obj, action, reason in changes}
        with transaction.atomic():
            locked = list(
                self.model.objects.select_for_update(of=("self",))
                .select_related(*(self.related if related is None else related))
                .filter(pk__in=wanted)
                .order_by("pk")
            )
            if len(locked) != len(wanted):
                raise TransitionRefused(_("Some of these records no longer exist; please reload."))
            now = now or timezone.now()
            if prepare is not None:
                prepare(locked)
            stamped, histories = {"status"}, []
            for row in locked:
                action, reason = wanted[row.pk]
                try:
                    transition, reason = self._judge(row, action, user, reason, now)
                except TransitionRefused as refusal:
                    raise TransitionRefused(f"{row}: {refusal}") from refusal
                row.status = transition.target
                stamped.update(self.stamp(row, user, now))
                histories.append(
                    self.history(**self._history_fields(row, transition, user, now, reason))
                )
            self._write_grouped(locked, sorted(stamped))
            created = self.history.objects.bulk_create(histories, batch_size=BULK_BATCH)
        return [Applied(row, change) for row, change in zip(locked, created, strict=True)]

    def _write_grouped(self, rows: list, fields: list[str]) -> None:
        """Write `fields` of the rows: one UPDATE per set of values (a status change whose
        stamp wrote nothing is one UPDATE for all the rows that reach the same status). A
        row its stamp left alone is written with the values it was just read with."""
        attnames = [self.model._meta.get_field(name).attname for name in fields]
        groups: dict[tuple, list] = {}
        for row in rows:
            values = tuple(getattr(row, attname) for attname in attnames)
            groups.setdefault(values, []).append(row.pk)
        for values, pks in groups.items():
            for start in range(0, len(pks), BULK_BATCH):
                self.model.objects.filter(pk__in=pks[start : start + BULK_BATCH]).update(
                    **dict(zip(attnames, values, strict=True))
                )

    def _judge(self, locked, action: str, user, reason: str, now) -> tuple[Transition, str]:
        """The transition `action` takes on the locked row, or TransitionRefused saying why."""
        transition = self.find(action, locked.status)
        if transition is None:
            raise TransitionRefused(str(self.unknown(locked, action)))
        # Every change is someone's: the history row names them.
        if user is None:
            raise TransitionRefused(
                _("A status change is made by a signed-in person; nobody was given.")
            )
        if not (refusal := signed_in(user)):
            raise TransitionRefused(str(refusal.reason))
        if not (verdict := transition.who(user, locked)):
            raise TransitionRefused(str(verdict.reason))
        reason = (reason or "").strip()
        if transition.needs_reason and not reason:
            raise TransitionRefused(str(self.reason_missing) or _("Please give a reason."))
        if transition.guard is not None and (problem := transition.guard(locked, now)):
            raise TransitionRefused(str(problem))
        return transition, reason

    def _history_fields(self, locked, transition: Transition, user, now, reason: str) -> dict:
        return {
            self.history_of: locked,
            "action": transition.action,
            "from_status": transition.source,
            "to_status": transition.target,
            "changed_by": user,
            "changed_at": now,
            "reason": reason,
        }

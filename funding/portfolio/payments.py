"""Payments of a funded project: the rules of its programme, the amount the platform
suggests for each kind with the computation shown, and the one service that records a
payment.

The rules (settings.PORTFOLIO_PAYMENT_RULES, per programme code, in percent of the maximum
grant, which is the project's EU contribution):
- pre-financing = maximum grant × pre-financing rate − maximum grant × retention (Horizon
  Europe withholds 5 % for the Mutual Insurance Mechanism); paid once;
- an interim payment = the costs of the accepted financial statements × the project's
  funding rate (EU contribution ÷ total cost) − what was paid so far, never above the room
  left under the cap;
- pre-financing plus interim payments never exceed the cap (90 %) of the maximum grant;
- the balance is what remains of the maximum grant; paid once, last;
- no payment, and no sum of payments, ever exceeds the maximum grant.
Money is Decimal to the cent (core.money), rounded half up.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.display import show_euros
from core.money import money, percent_of
from funding.portfolio.health import accepted_costs_subquery
from funding.portfolio.models.delivery import Payment, PaymentKind
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.portfolio.permissions import can_record_payment
from funding.portfolio.services import project_health_refresh

ZERO = Decimal("0.00")
PAYABLE_STATUSES = (
    ProjectStatus.ONGOING,
    ProjectStatus.SUSPENDED,
    ProjectStatus.CLOSED,
    ProjectStatus.TERMINATED,
)


class PaymentRefused(Exception):
    """A payment the rules do not allow; the message says why. Nothing is stored."""


@dataclass(frozen=True)
class PaymentRules:
    prefinancing: Decimal
    retention: Decimal
    cap: Decimal


def payment_rules(programme_code: str) -> PaymentRules:
    table = settings.PORTFOLIO_PAYMENT_RULES
    row = {**table["default"], **table.get(programme_code, {})}
    return PaymentRules(
        prefinancing=Decimal(row["prefinancing"]),
        retention=Decimal(row["retention"]),
        cap=Decimal(row["cap"]),
    )


@dataclass(frozen=True)
class Suggestion:
    kind: str
    amount: Decimal
    lines: tuple[tuple[str, Decimal], ...]  # the computation, one (label, amount) per line
    refusal: str = ""  # why no payment of this kind can be made now


def _paid(payments, *kinds) -> Decimal:
    return sum((p.amount for p in payments if not kinds or p.kind in kinds), ZERO)


def accepted_costs_of(project: FundedProject) -> Decimal:
    """The costs declared by the project's accepted financial statements (one query, or none
    when the project was read with `accepted_costs` annotated, as `with_delivery_figures` does)."""
    annotated = getattr(project, "accepted_costs", None)
    if annotated is not None:
        return annotated
    return (
        FundedProject.objects.filter(pk=project.pk)
        .annotate(accepted=accepted_costs_subquery(FundedProject))
        .values_list("accepted", flat=True)
        .first()
    ) or ZERO


def _earned(project: FundedProject, accepted: Decimal) -> Decimal:
    """Accepted costs × the funding rate, computed exactly then rounded to the cent."""
    if not project.total_cost:
        return ZERO
    return money(accepted * project.eu_contribution / project.total_cost)


def payment_suggestions(
    project: FundedProject, payments=None, accepted_costs: Decimal | None = None
) -> dict[str, Suggestion]:
    """What the platform suggests for each kind of payment, from the programme's rules, the
    payments made so far and the accepted costs; `payments` and `accepted_costs` default to
    the project's."""
    payments = list(project.payments.all() if payments is None else payments)
    accepted = accepted_costs_of(project) if accepted_costs is None else accepted_costs
    rules = payment_rules(project.programme.code)
    maximum = project.eu_contribution
    paid = _paid(payments)
    before_balance = _paid(payments, PaymentKind.PRE_FINANCING, PaymentKind.INTERIM)
    cap = percent_of(maximum, rules.cap)
    has_prefinancing = any(p.kind == PaymentKind.PRE_FINANCING for p in payments)
    has_balance = any(p.kind == PaymentKind.FINAL for p in payments)

    gross = percent_of(maximum, rules.prefinancing)
    retained = percent_of(maximum, rules.retention)
    prefinancing = max(min(gross - retained, cap - before_balance), ZERO)
    room = max(cap - before_balance, ZERO)
    earned = _earned(project, accepted)
    due = max(earned - before_balance, ZERO)
    interim = min(due, room, max(maximum - paid, ZERO))
    balance = max(maximum - paid, ZERO)
    closed = _("The balance has been paid: no further payment is possible.")
    return {
        PaymentKind.PRE_FINANCING: Suggestion(
            PaymentKind.PRE_FINANCING,
            prefinancing,
            (
                (_("Maximum grant"), maximum),
                (_("× pre-financing rate %(rate)s %%") % {"rate": rules.prefinancing}, gross),
                (_("− retention %(rate)s %%") % {"rate": rules.retention}, retained),
                (_("Suggested pre-financing"), prefinancing),
            ),
            closed
            if has_balance
            else (_("The pre-financing has been paid already.") if has_prefinancing else ""),
        ),
        PaymentKind.INTERIM: Suggestion(
            PaymentKind.INTERIM,
            interim,
            (
                (_("Costs of the accepted financial statements"), accepted),
                (
                    _("× funding rate %(rate)s %%") % {"rate": project.funding_rate or ZERO},
                    earned,
                ),
                (_("− pre-financing and interim payments so far"), before_balance),
                (_("Due on the accepted costs"), due),
                (_("Cap: %(rate)s %% of the maximum grant") % {"rate": rules.cap}, cap),
                (_("Room left under the cap"), room),
                (_("Suggested interim payment (the smaller)"), interim),
            ),
            closed
            if has_balance
            else ("" if room else _("Pre-financing and interim payments have reached the cap.")),
        ),
        PaymentKind.FINAL: Suggestion(
            PaymentKind.FINAL,
            balance,
            (
                (_("Maximum grant"), maximum),
                (_("− paid so far"), paid),
                (_("Balance"), balance),
            ),
            closed if has_balance else ("" if balance else _("The maximum grant is paid.")),
        ),
    }


def _refusal(project, payments, kind, amount, paid_on, today) -> str:
    if project.status not in PAYABLE_STATUSES:
        return _("Payments start once the grant agreement is signed.")
    if amount is None or amount <= 0:
        return _("A payment is a positive amount.")
    if amount != money(amount):
        return _("A payment is an amount to the cent.")
    if paid_on > today:
        return _("A payment is recorded once made: the date cannot be in the future.")
    suggestion = payment_suggestions(project, payments)[kind]
    if suggestion.refusal:
        return suggestion.refusal
    maximum, paid = project.eu_contribution, _paid(payments)
    if paid + amount > maximum:
        return _(
            "Refused: %(amount)s would bring the payments to %(total)s, above the "
            "maximum grant of %(maximum)s (%(left)s left)."
        ) % {
            "amount": show_euros(amount),
            "total": show_euros(paid + amount),
            "maximum": show_euros(maximum),
            "left": show_euros(maximum - paid),
        }
    if kind in (PaymentKind.PRE_FINANCING, PaymentKind.INTERIM):
        cap = percent_of(maximum, payment_rules(project.programme.code).cap)
        before = _paid(payments, PaymentKind.PRE_FINANCING, PaymentKind.INTERIM)
        if before + amount > cap:
            return _(
                "Refused: pre-financing and interim payments would reach %(total)s, above "
                "the cap of %(cap)s (%(left)s left); the rest is paid as the balance."
            ) % {
                "total": show_euros(before + amount),
                "cap": show_euros(cap),
                "left": show_euros(max(cap - before, ZERO)),
            }
    return ""


def payment_record(
    *,
    project: FundedProject,
    user,
    kind: str,
    amount: Decimal,
    paid_on: dt.date,
    note: str = "",
    now: dt.datetime | None = None,
) -> Payment:
    """Record a payment the rules allow, or raise PaymentRefused and store nothing.

    The project's row is locked, so two managers recording at once are judged one after
    the other against the same total."""
    if not (verdict := can_record_payment(user, project)):
        raise PaymentRefused(verdict.reason)
    if kind not in PaymentKind.values:
        raise PaymentRefused(_("Choose a kind of payment."))
    with transaction.atomic():
        locked = (
            FundedProject.objects.select_for_update(of=("self",))
            .select_related("programme")
            .get(pk=project.pk)
        )
        now = now or timezone.now()
        payments = list(locked.payments.all())
        problem = _refusal(locked, payments, kind, amount, paid_on, timezone.localdate(now))
        if problem:
            raise PaymentRefused(problem)
        payment = Payment.objects.create(
            project=locked,
            kind=kind,
            amount=amount,
            paid_on=paid_on,
            note=(note or "").strip()[:255],
            recorded_by=user,
            recorded_at=now,
        )
        project_health_refresh(project_id=locked.pk)
        return payment


def paid_total(project: FundedProject) -> Decimal:
    return project.payments.aggregate(total=Sum("amount"))["total"] or ZERO

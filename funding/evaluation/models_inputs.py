"""Which state of its inputs a topic's live ranking was computed from.

The live ranking preview orders every candidate of the topic (thousands) by the ranking
rules; its order only changes when one of the ranking's inputs does: a consensus report or
one of its scores, a panel priority, an evaluated version, the topic's thresholds and
budget, its award criteria. Every write of one of those gives the topic a new token
(`RankingInputs.objects.renew`, called by funding.evaluation.ranking.inputs in the
writer's own transaction), and the order computed while a token was current is kept under
that token (ranking.preview): a token never comes back, so a kept order is never read for
inputs other than those it was computed from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.kept import new_token
from funding.calls.models.topics import Topic


class RankingInputsQuerySet(models.QuerySet):
    def start(self, topic_ids) -> None:
        """A new token for each of these topics, its row made when it has none (a topic
        saved; the migration fills the topics already there): one upsert."""
        rows = [RankingInputs(topic_id=pk, token=new_token()) for pk in set(topic_ids)]
        if rows:
            self.bulk_create(
                rows, update_conflicts=True, unique_fields=["topic"], update_fields=["token"]
            )

    def renew(self, topic_ids) -> None:
        """A new token for each of these topics that has a row: one UPDATE, which makes no
        row (a topic being deleted keeps none; one without a row is never kept)."""
        self.filter(topic_id__in=list(topic_ids)).update(token=new_token())

    def renew_all(self) -> None:
        """A new token for every topic (an input whose topic can no longer be read)."""
        self.update(token=new_token())

    def token_of(self, topic) -> str | None:
        """The topic's current token: read with the topic when the view joined it
        (`select_related("ranking_inputs")`), else one query; None when it has none."""
        if Topic.ranking_inputs.is_cached(topic):
            found = getattr(topic, "ranking_inputs", None)
            return found.token if found is not None else None
        return self.filter(topic=topic).values_list("token", flat=True).first()


class RankingInputs(models.Model):
    topic = models.OneToOneField(
        Topic,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ranking_inputs",
        verbose_name=_("topic"),
    )
    token = models.CharField(_("state of the ranking's inputs"), max_length=32)

    objects = RankingInputsQuerySet.as_manager()

    class Meta:
        verbose_name = _("ranking inputs")
        verbose_name_plural = _("ranking inputs")

    def __str__(self):
        return str(self.topic)

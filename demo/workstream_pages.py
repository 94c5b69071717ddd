"""Demo pages presenting the public workstreams, under the workstream index. Idempotent."""

from cms.models import WorkstreamPage
from cooperation.models import Workstream


def seed(context: dict) -> None:
    index = context["workstream_index"]
    presented = set(WorkstreamPage.objects.child_of(index).values_list("workstream_id", flat=True))
    for workstream in Workstream.objects.filter(public=True).order_by("pk"):
        if workstream.pk in presented:
            continue
        page = WorkstreamPage(
            title=workstream.name, workstream=workstream, intro=workstream.description
        )
        index.add_child(instance=page)
        page.save_revision().publish()

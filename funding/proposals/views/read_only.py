"""The section pages of a locked proposal (permissions.proposal_locked): the same URL as
the section's form, answered read-only. Its GET shows what was submitted in the section
(funding.proposals.read_only) and why it can no longer be changed, to whoever may see the
proposal; anything else, a POST, still asks the section's own rule, which refuses it."""

from django.template.response import TemplateResponse
from django.utils import timezone

from funding.proposals.permissions import can_read_locked_section, proposal_locked
from funding.proposals.read_only import lock_notice, submitted_version

READS = ("GET", "HEAD")


class ReadOnlyWhenLocked:
    """Put before ProposalMixin; `read_only_template_name` is the section's read-only page
    (templates/applicant/read_only/, each extending its _page.html)."""

    read_only_template_name = ""
    read_only = False

    def get_rule(self):
        if self.request.method in READS and proposal_locked(self.get_rule_object()):
            self.read_only = True
            return can_read_locked_section
        return super().get_rule()

    def get(self, request, *args, **kwargs):
        if self.read_only:
            return self.read_only_response()
        return super().get(request, *args, **kwargs)

    def read_only_context(self, version) -> dict:
        """What the section's part needs beyond the submitted version."""
        return {}

    def read_only_response(self):
        proposal = self.proposal
        version = submitted_version(proposal)
        context = {
            "view": self,
            "proposal": proposal,
            # Locked: nobody may change it, whatever their organisation.
            "can_edit": False,
            "can_edit_shares": False,
            "version": version,
            "notice": lock_notice(self.request.user, proposal, timezone.now()),
            **self.read_only_context(version),
        }
        return TemplateResponse(self.request, self.read_only_template_name, context)

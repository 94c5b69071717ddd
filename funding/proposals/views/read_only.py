"""The section pages a person may see but not change, at the same URL as the section's
form, answered read-only (GET only; anything else still asks the section's own rule,
which refuses it):

- a locked proposal's (permissions.proposal_locked): what was submitted in the section
  (funding.proposals.read_only) and why it can no longer be changed, to whoever may see it;
- a draft's, to a partner's member the section's rule refuses (the coordinator's sections,
  or the budget and personnel before the proposal is shared with their organisation): the
  draft's live values, marked as the current draft, with the rule's reason
  (permissions.can_read_draft_section). A real partner reads the general information and
  the consortium to write their share; a link that answered "You cannot do this" was a
  dead end."""

from django.template.response import TemplateResponse
from django.utils import timezone

from funding.proposals.permissions import (
    can_read_draft_section,
    can_read_locked_section,
    proposal_locked,
)
from funding.proposals.read_only import LockNotice, current_draft, lock_notice, submitted_version

READS = ("GET", "HEAD")


class ReadOnlyWhenLocked:
    """Put before ProposalMixin; `read_only_template_name` is the section's read-only page
    (templates/applicant/read_only/, each extending its _page.html)."""

    read_only_template_name = ""
    read_only = False
    draft_refusal = ""  # why the person cannot change this draft's section

    def get_rule(self):
        if self.request.method not in READS:
            return super().get_rule()
        proposal = self.get_rule_object()
        if proposal_locked(proposal):
            self.read_only = True
            return can_read_locked_section
        verdict = super().get_rule()(self.request.user, proposal)
        if not verdict and can_read_draft_section(self.request.user, proposal):
            self.read_only, self.draft_refusal = True, verdict.reason
            return can_read_draft_section
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
        if self.draft_refusal:
            version = current_draft(proposal)
            notice = LockNotice(self.draft_refusal, False)
        else:
            version = submitted_version(proposal)
            notice = lock_notice(self.request.user, proposal, timezone.now())
        context = {
            "view": self,
            "proposal": proposal,
            # Read-only: this page changes nothing, whatever the person's organisation.
            "can_edit": False,
            "can_edit_shares": False,
            "draft": bool(self.draft_refusal),
            "version": version,
            "notice": notice,
            **self.read_only_context(version),
        }
        return TemplateResponse(self.request, self.read_only_template_name, context)

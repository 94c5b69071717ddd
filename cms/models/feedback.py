from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField

from cms.models.french import FrenchTitle, french_panel
from cooperation.accounts.throttle import client_ip
from core.limits import limit_hit
from core.mail import mail_send

# The Web Accessibility Directive asks for a feedback mechanism; a public form is also a
# door for floods, so one address may send a few messages an hour.
FEEDBACK_PER_HOUR = 5


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(FrenchTitle, AbstractEmailForm):
    """The accessibility feedback and contact form: what did not work, where, and how to
    answer. Submissions are kept (Wagtail admin → Forms) and e-mailed to the team that
    answers them, through the platform's one mail helper."""

    intro = RichTextField(_("introduction"), blank=True)

    intro_fr = RichTextField(_("introduction in French"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)
    thank_you_text_fr = RichTextField(_("thank-you text in French"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        french_panel("intro", "thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    parent_page_types = ["cms.StandardPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("feedback form page")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and limit_hit(
            scope="accessibility-feedback",
            subject=client_ip(request) or "",
            limit=FEEDBACK_PER_HOUR,
            window_seconds=3600,
        ):
            form = self.get_form(request.POST, page=self, user=request.user)
            form.is_valid()
            form.add_error(
                None,
                gettext(
                    "You have sent several messages in the last hour. Please try again later "
                    "or write to us by e-mail."
                ),
            )
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context)
        return super().serve(request, *args, **kwargs)

    def send_mail(self, form):
        lines = []
        for field in form:
            if field.name in form.cleaned_data:
                lines.append((field.label, form.cleaned_data[field.name]))
        mail_send(
            to=[address.strip() for address in self.to_address.split(",") if address.strip()],
            subject=self.subject or self.title,
            template="cms/email/feedback.txt",
            context={"page": self, "lines": lines},
        )

from django import template

from funding.evaluation_summary import published_summary

register = template.Library()


@register.simple_tag
def evaluation_summary(proposal):
    """The proposal's Evaluation Summary Report once its topic's results are published."""
    return published_summary(proposal)

"""The rows a template tag writes in Python, beside the template loop they replaced: both
rendered with the same context in one language, for a test to compare byte for byte."""

from django.template import Context, Template
from django.utils import translation


def tag_and_loop(tag: str, loop: str, language: str, **context) -> tuple[str, str]:
    with translation.override(language):
        return (
            Template(tag).render(Context(context)),
            Template(loop).render(Context(context)),
        )

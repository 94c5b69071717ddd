"""The product's URLs plus two yardsticks, in this urlconf only (never in the product):

- a trivial view: the cost of a request through the middleware and nothing else; every
  page's time is given as a multiple of it;
- a layout view: an empty page in the site's layout (base.html, navigation, footer), the
  least any real page costs; it shows how much of a page's time is its own content.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns

_LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<h1>Layout</h1>{% endblock %}'
)


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def layout(request):
    return HttpResponse(_LAYOUT.render({}, request))


urlpatterns = [
    path("__bench__/trivial/", trivial, name="bench_trivial"),
    path("__bench__/layout/", layout, name="bench_layout"),
    *product_urlpatterns,
]

"""The product's URLs plus one trivial view, the yardstick every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial, name="bench_trivial"), *product_urlpatterns]

from django.urls import path

from cms import views
from cms.feeds import CallsAtomFeed, CallsRssFeed

app_name = "cms"

urlpatterns = [
    path("feeds/calls/rss/", CallsRssFeed(), name="calls_rss"),
    path("feeds/calls/atom/", CallsAtomFeed(), name="calls_atom"),
    path("feeds/calls/deadlines.ics", views.deadlines_ics, name="deadlines_ics"),
]

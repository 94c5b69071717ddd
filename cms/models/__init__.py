from .calls import CallIndexPage, CallPage
from .feedback import FeedbackFormField, FeedbackFormPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage
from .projects import ProjectIndexPage
from .search import SearchPage
from .standard import StandardPage
from .strategy import StrategyPage
from .workstreams import WorkstreamIndexPage, WorkstreamPage

__all__ = [
    "CallIndexPage",
    "CallPage",
    "FeedbackFormField",
    "FeedbackFormPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "ProjectIndexPage",
    "SearchPage",
    "StandardPage",
    "StrategyPage",
    "WorkstreamIndexPage",
    "WorkstreamPage",
]

from .home import HomePage
from .projects import ProjectIndexPage
from .workstreams import WorkstreamIndexPage, WorkstreamPage

__all__ = ["HomePage", "ProjectIndexPage", "WorkstreamIndexPage", "WorkstreamPage"]

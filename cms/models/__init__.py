from .home import HomePage
from .projects import ProjectIndexPage
from .workstreams import WorkstreamIndexPage

__all__ = ["HomePage", "ProjectIndexPage", "WorkstreamIndexPage"]

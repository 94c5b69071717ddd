"""Values computed once for each state of the rows they read, and kept in the cache under
that state's token (`kept`). The token is a model's row that every write of one of those
rows renews in the writer's own transaction (`new_token`); a token never comes back, so
what is kept is never read for rows other than those it was computed from. The reader
reads the token before it computes, so a kept value can only be newer than its token.

Used by the secretariat dashboard's counts (cooperation.forum.dashboard_counts) and the
live ranking's order (funding.evaluation.ranking.preview)."""

import uuid
from collections.abc import Callable

from django.core.cache import cache


def new_token() -> str:
    return uuid.uuid4().hex


def kept(key: str | None, compute: Callable, *, seconds: int, fresh: bool = False):
    """The value kept under `key` (which names the token), else `compute()`, kept there for
    `seconds`. Without a key (no token) it is computed each time and not kept; `fresh`
    computes it again and replaces what was kept."""
    found = cache.get(key) if key and not fresh else None
    if found is None:
        found = compute()
        if key:
            cache.set(key, found, seconds)
    return found

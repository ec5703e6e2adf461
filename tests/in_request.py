"""Run a function the way a view runs: inside core.request_memo's middleware."""

from contextvars import copy_context

from core.request_memo import RequestMemoMiddleware


def in_request(function):
    """FUNCTION() called by a view behind RequestMemoMiddleware, in a context of its own;
    returns what it returned."""
    results = []

    def view(request):
        results.append(function())

    copy_context().run(RequestMemoMiddleware(view), None)
    return results[0]

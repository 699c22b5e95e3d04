"""A bare page for the HTTP benchmark (``tests/perf/bench_http.py``): the site's layout and middleware with
about 20 KB of fixed content and no database query — the most a page can be served at on the same
processes, which the benchmark compares each real page against.

Served at ``/bench/bare/`` only when the environment sets ``CONVENE_BENCH_BARE=true`` (the benchmark's
own server does); never in production.
"""

import os

from django.shortcuts import render
from django.urls import path

ROWS = range(60)  # about 20 KB of HTML with the layout


def enabled():
    return os.environ.get("CONVENE_BENCH_BARE", "").strip().lower() in {"1", "true", "yes", "on"}


def bare(request):
    return render(request, "bench/bare.html", {"rows": ROWS})


def urlpatterns():
    """The bare page's URL when the benchmark asks for it, else none."""
    return [path("bench/bare/", bare, name="bench_bare")] if enabled() else []

"""The benchmark's bare page (cop_platform.bench_bare): absent unless CONVENE_BENCH_BARE is set, and
served without a database query when it is."""

import importlib

import pytest
from django.urls import clear_url_caches

import cop_platform.urls


@pytest.fixture
def urls_with_bare(monkeypatch):
    monkeypatch.setenv("CONVENE_BENCH_BARE", "true")
    importlib.reload(cop_platform.urls)
    clear_url_caches()
    yield
    monkeypatch.delenv("CONVENE_BENCH_BARE")
    importlib.reload(cop_platform.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_the_bare_page_is_absent_by_default(client, monkeypatch):
    monkeypatch.delenv("CONVENE_BENCH_BARE", raising=False)
    importlib.reload(cop_platform.urls)
    clear_url_caches()

    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.django_db
def test_the_bare_page_makes_no_query_when_switched_on(client, urls_with_bare, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/bare/")

    assert response.status_code == 200
    assert 15_000 < len(response.content) < 30_000
    assert b"Person 59 Example" in response.content

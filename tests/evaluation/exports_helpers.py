"""Helpers for the exports tests: build a file through the core's file pages (the worker's task runs on
commit), download it, read a zip's CSV files and workbook."""

import csv
import io
import zipfile

from django.urls import reverse
from django_scopes import scopes_disabled

from cop_platform.models import Build


def new_url(tenant, kind, target):
    return reverse("build_new", kwargs={"org": tenant.organisation.slug, "build_kind": kind, "build_target": target})


def build(client, tenant, kind, target, capture):
    with capture(execute=True):
        response = client.post(new_url(tenant, kind, target))
    assert response.status_code == 302, response.status_code
    with scopes_disabled():
        return (Build.objects.filter(organisation=tenant.organisation, kind=kind, target_id=target)
                .order_by("-pk").first())


def download(client, tenant, made):
    response = client.get(reverse("build_download", kwargs={"org": tenant.organisation.slug, "build_id": made.pk}))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content), response


def read_pack(content):
    """``(csvs, workbook)``: ``{name: [rows]}`` of the zip's CSV files, and the opened XLSX workbook."""
    from openpyxl import load_workbook

    archive = zipfile.ZipFile(io.BytesIO(content))
    csvs = {name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist() if name.endswith(".csv")}
    workbook = load_workbook(io.BytesIO(archive.read("data-pack.xlsx")))
    return csvs, workbook, archive

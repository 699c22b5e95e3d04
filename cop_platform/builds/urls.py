"""URLs under /<org>/files/: generated files (PDFs, zips). Stable: the status page is bookmarkable."""

from django.urls import path

from . import views

urlpatterns = [
    path("new/<str:build_kind>/<int:build_target>/", views.build_new, name="build_new"),
    path("<int:build_id>/", views.build_status, name="build_status"),
    path("<int:build_id>/download/", views.build_download, name="build_download"),
    path("<int:build_id>/rebuild/", views.build_rebuild_view, name="build_rebuild"),
]

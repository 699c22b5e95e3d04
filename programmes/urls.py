"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes."""

from django.urls import path

from .views import lifecycle

app_name = "programmes"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
]

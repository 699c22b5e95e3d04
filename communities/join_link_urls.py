"""/join/<token>/: an open invitation link, outside any tenant prefix; the token names the organisation."""

from django.urls import path

from . import views

app_name = "join_links"

urlpatterns = [
    path("continue/", views.join_link_continue, name="continue"),
    path("<str:token>/", views.join_link_open, name="open"),
]

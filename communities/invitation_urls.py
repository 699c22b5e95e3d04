"""/invitations/<token>/: outside any tenant prefix; the token names the organisation."""

from django.urls import path

from . import views

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", views.invitation_respond, name="respond"),
]

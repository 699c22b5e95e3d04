"""/confirmations/<token>/: co-leads and sponsors confirm from the e-mailed link, outside any tenant."""

from django.urls import path

from . import views

app_name = "confirmations"

urlpatterns = [
    path("<str:confirmation_token>/", views.confirm, name="confirm"),
]

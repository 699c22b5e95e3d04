"""/programme-confirmations/<token>/: a cohort applicant's line manager and employer sponsor confirm their
support from the e-mailed link, outside any tenant."""

from django.urls import path

from .views import confirmation

app_name = "programme_confirmations"

urlpatterns = [
    path("<str:token>/", confirmation.confirm, name="confirm"),
]

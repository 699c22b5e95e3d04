"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes: applying to a cohort programme (``programmes/<programme>/apply/``) and its applications
(``programmes/<programme>/applications/…``)."""

from django.urls import path

from .views import lifecycle
from .views import participants as cohort

app_name = "programmes"

APPLICATION = "programmes/<slug:programme>/applications/<int:cohort_application>/"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
    path("programmes/<slug:programme>/apply/", cohort.cohort_apply, name="cohort_apply"),
    path("programmes/<slug:programme>/applications/", cohort.cohort_applications, name="cohort_applications"),
    path("programmes/<slug:programme>/applications/window/", cohort.cohort_applications_window,
         name="cohort_applications_window"),
    path("programmes/<slug:programme>/applications/participants/", cohort.cohort_participants,
         name="cohort_participants"),
    path(APPLICATION, cohort.cohort_application, name="cohort_application"),
    path(APPLICATION + "edit/", cohort.cohort_application_edit, name="cohort_application_edit"),
    path(APPLICATION + "confirmations/", cohort.cohort_application_confirmations,
         name="cohort_application_confirmations"),
    path(APPLICATION + "submit/", cohort.cohort_application_submit, name="cohort_application_submit"),
    path(APPLICATION + "withdraw/", cohort.cohort_application_withdraw, name="cohort_application_withdraw"),
    path(APPLICATION + "decide/", cohort.cohort_application_decide, name="cohort_application_decide"),
    path(APPLICATION + "community/", cohort.cohort_participant_community, name="cohort_participant_community"),
]

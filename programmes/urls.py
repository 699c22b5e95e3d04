"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes: applying to a cohort programme (``programmes/<programme>/apply/``) and its applications
(``programmes/<programme>/applications/…``)."""

from django.urls import path

from .views import cohorts, events, lifecycle, programmes, questionnaires
from .views import participants as cohort

app_name = "programmes"

APPLICATION = "programmes/<slug:programme>/applications/<int:cohort_application>/"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
    # Cross-community events (Basecamps)
    path("events/", events.events, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/<int:event_id>/", events.event_detail, name="event"),
    path("events/<int:event_id>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:event_id>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/delete/", events.event_delete, name="event_delete"),
    path("events/<int:event_id>/record/", events.event_record, name="event_record"),
    path("communities/<slug:slug>/events/", events.community_events, name="community_events"),
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
    # Readiness questionnaires (host staff); the public answer page is programmes/questionnaire_urls.py
    path("questionnaires/", questionnaires.questionnaires, name="questionnaires"),
    path("questionnaires/new/", questionnaires.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/<int:questionnaire_id>/", questionnaires.questionnaire, name="questionnaire"),
    path("questionnaires/<int:questionnaire_id>/edit/", questionnaires.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:questionnaire_id>/status/", questionnaires.questionnaire_status,
         name="questionnaire_status"),
    path("questionnaires/<int:questionnaire_id>/copy/", questionnaires.questionnaire_copy, name="questionnaire_copy"),
    path("questionnaires/<int:questionnaire_id>/delete/", questionnaires.questionnaire_delete,
         name="questionnaire_delete"),
    path("questionnaires/<int:questionnaire_id>/questions/add/", questionnaires.question_add,
         name="questionnaire_question_add"),
    path("questionnaires/<int:questionnaire_id>/questions/<int:question_id>/", questionnaires.question_edit,
         name="questionnaire_question_edit"),
    path("questionnaires/<int:questionnaire_id>/questions/<int:question_id>/remove/", questionnaires.question_remove,
         name="questionnaire_question_remove"),
    path("questionnaires/<int:questionnaire_id>/questions/<int:question_id>/move/", questionnaires.question_move,
         name="questionnaire_question_move"),
    path("questionnaires/<int:questionnaire_id>/results/", questionnaires.questionnaire_results,
         name="questionnaire_results"),
    path("questionnaires/<int:questionnaire_id>/results.csv", questionnaires.questionnaire_results_csv,
         name="questionnaire_results_csv"),
    # Programmes and cohorts (see views/_programme.py for who may open what)
    path("programmes/", programmes.programmes, name="programmes"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<slug:slug>/", programmes.programme, name="programme"),
    path("programmes/<slug:slug>/edit/", programmes.programme_edit, name="programme_edit"),
    path("programmes/<slug:slug>/delete/", programmes.programme_delete, name="programme_delete"),
    path("programmes/<slug:slug>/communities/", programmes.programme_communities, name="programme_communities"),
    path("programmes/<slug:slug>/sessions/new/", cohorts.session_create, name="session_create"),
    path("programmes/<slug:slug>/sessions/standard/", cohorts.standard_setup, name="standard_setup"),
    path("programmes/<slug:slug>/sessions/<int:session_id>/edit/", cohorts.session_edit, name="session_edit"),
    path("programmes/<slug:slug>/sessions/<int:session_id>/cancel/", cohorts.session_cancel, name="session_cancel"),
    path("programmes/<slug:slug>/sessions/<int:session_id>/delete/", cohorts.session_delete, name="session_delete"),
    path("programmes/<slug:slug>/sessions/<int:session_id>/attendance/", cohorts.attendance, name="attendance"),
    path("programmes/<slug:slug>/sessions/<int:session_id>/materials/", cohorts.material_add, name="material_add"),
    path("programmes/<slug:slug>/materials/<int:material_id>/delete/", cohorts.material_delete,
         name="material_delete"),
    path("programmes/<slug:slug>/participants/", cohorts.participants, name="participants"),
    path("programmes/<slug:slug>/groups/", cohorts.groups, name="groups"),
    path("programmes/<slug:slug>/portal/", cohorts.portal, name="portal"),
    path("programmes/<slug:slug>/portal/sessions/<int:session_id>/", cohorts.session, name="session"),
    path("programmes/<slug:slug>/portal/materials/<int:material_id>/", cohorts.material_download,
         name="material_download"),
]

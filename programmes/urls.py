"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes."""

from django.urls import path

from .views import lifecycle, questionnaires

app_name = "programmes"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
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
]

"""/questionnaires/<token>/: anyone with a readiness questionnaire's link answers it, outside any tenant."""

from django.urls import path

from .views import questionnaire_public

app_name = "questionnaire_public"

urlpatterns = [
    path("<str:public_token>/", questionnaire_public.answer, name="answer"),
    path("<str:public_token>/thanks/", questionnaire_public.thanks, name="thanks"),
]

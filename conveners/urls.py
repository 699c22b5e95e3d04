"""URLs under /<org>/calls/ (calls for conveners). Stable: people bookmark them."""

from django.urls import path

from . import views

app_name = "conveners"

application = "<slug:call>/applications/<int:application>/"
review = "<slug:call>/review/<int:assignment>/"

urlpatterns = [
    path("", views.calls, name="calls"),
    path("new/", views.call_create, name="call_create"),
    path("profile/", views.profile, name="profile"),
    path("profiles/", views.profiles, name="profiles"),
    path("<slug:call>/", views.call_page, name="call"),
    path("<slug:call>/edit/", views.call_edit, name="call_edit"),
    path("<slug:call>/status/", views.call_status, name="call_status"),
    path("<slug:call>/criteria/", views.criteria, name="criteria"),
    path("<slug:call>/criteria/<int:criterion>/remove/", views.criterion_remove, name="criterion_remove"),
    path("<slug:call>/panel/", views.panel, name="panel"),
    path("<slug:call>/apply/", views.apply, name="apply"),
    path("<slug:call>/applications/", views.applications, name="applications"),
    path(application, views.application_page, name="application"),
    path(application + "edit/", views.application_edit, name="application_edit"),
    path(application + "confirmations/", views.application_confirmations, name="application_confirmations"),
    path(application + "submit/", views.application_submit, name="application_submit"),
    path(application + "withdraw/", views.application_withdraw, name="application_withdraw"),
    path(application + "copy/", views.application_copy, name="application_copy"),
    path(application + "convene/", views.application_convene, name="application_convene"),
    path(application + "support/", views.application_support, name="application_support"),
    path(application + "reviews/", views.application_reviews, name="application_reviews"),
    path(application + "decline/", views.award_decline, name="award_decline"),
    path(application + "decide/", views.application_decide, name="application_decide"),
    path("<slug:call>/assign/", views.assign, name="assign"),
    path("<slug:call>/assign/digest/", views.review_digest, name="review_digest"),
    path("<slug:call>/review/", views.assignments, name="assignments"),
    path(review, views.review, name="review"),
    path(review + "conflict/", views.review_conflict, name="review_conflict"),
    path(review + "moderate/", views.review_moderate, name="review_moderate"),
    path("<slug:call>/ranking/", views.ranking, name="ranking"),
    path("<slug:call>/release/", views.release, name="release"),
    path("<slug:call>/support/", views.support, name="support"),
    path("<slug:call>/honoraria/", views.honoraria, name="honoraria"),
    path("<slug:call>/honoraria.csv", views.honoraria_csv, name="honoraria_csv"),
    path("<slug:call>/honoraria/<int:payment>/", views.payment_update, name="payment_update"),
]

"""The evaluation app's tenant URLs (included at ``/<org>/``): ``evaluation/…`` across communities and
``communities/<slug>/value/…`` for one community."""

from django.urls import path

from .views import community, host

app_name = "evaluation"

urlpatterns = [
    path("evaluation/", host.home, name="home"),
    path("evaluation/cycles/", host.cycles, name="cycles"),
    path("evaluation/indicators/", host.suggested_indicators, name="suggested_indicators"),
    path("evaluation/indicators/<int:suggested_id>/", host.suggested_indicator, name="suggested_indicator"),
    path("communities/<slug:slug>/value/", community.community_value, name="community_value"),
    path("communities/<slug:slug>/value/indicators/", community.indicators, name="indicators"),
    path("communities/<slug:slug>/value/indicators/<int:indicator_id>/", community.indicator, name="indicator"),
    path("communities/<slug:slug>/value/evidence/", community.evidence, name="evidence"),
    path("communities/<slug:slug>/value/evidence/<int:evidence_id>/", community.evidence_edit,
         name="evidence_edit"),
    path("communities/<slug:slug>/value/evidence/<int:evidence_id>/file/", community.evidence_download,
         name="evidence_download"),
]

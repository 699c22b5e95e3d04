"""The evaluation app's tenant URLs (included at ``/<org>/``): ``evaluation/…`` across communities,
``communities/<slug>/value/…`` and a meeting's pulse for one community."""

from django.urls import path

from .views import community, host, overview, stories

app_name = "evaluation"

urlpatterns = [
    path("evaluation/", host.home, name="home"),
    path("evaluation/cycles/", host.cycles, name="cycles"),
    path("evaluation/views/", overview.views, name="views"),
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
    # Stories and the pulse
    path("evaluation/stories/", stories.evaluator_stories, name="evaluator_stories"),
    path("communities/<slug:slug>/meetings/<int:meeting_id>/pulse/", stories.pulse, name="pulse"),
    path("communities/<slug:slug>/meetings/<int:meeting_id>/pulse/results/", stories.pulse_results,
         name="pulse_results"),
    path("communities/<slug:slug>/value/stories/", stories.stories, name="stories"),
    path("communities/<slug:slug>/value/stories/new/", stories.story_new, name="story_new"),
    path("communities/<slug:slug>/value/stories/new/spine/", stories.story_spine, name="story_spine"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/", stories.story, name="story"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/edit/", stories.story_edit, name="story_edit"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/delete/", stories.story_delete, name="story_delete"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/follow-up/", stories.story_follow_up,
         name="story_follow_up"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/steps/add/", stories.story_step,
         name="story_step_add"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/steps/<int:step_id>/", stories.story_step,
         name="story_step"),
    path("communities/<slug:slug>/value/stories/<int:story_id>/steps/<int:step_id>/delete/",
         stories.story_step_delete, name="story_step_delete"),
]

"""The evaluation app's tenant URLs (included at ``/<org>/``): ``evaluation/…`` for work across
communities, ``communities/<slug>/value/…`` and a meeting's pulse for one community."""

from django.urls import path

from .views import stories

app_name = "evaluation"

urlpatterns = [
    # Stories and the pulse (helper "stories")
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

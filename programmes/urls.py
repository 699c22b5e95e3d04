"""The programmes app's tenant URLs (included at ``/<org>/``): a community's lifecycle, and the host's
programmes."""

from django.urls import path

from .views import cohorts, lifecycle, programmes

app_name = "programmes"

urlpatterns = [
    path("communities/<slug:slug>/lifecycle/", lifecycle.lifecycle, name="lifecycle"),
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

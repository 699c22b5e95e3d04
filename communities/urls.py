from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.community_home, name="home"),
    path("<slug:slug>/edit/<slug:section>/", views.community_edit, name="edit"),
    path("<slug:slug>/domain/history/", views.domain_history, name="domain_history"),
    path("<slug:slug>/start-up/", views.startup_step, name="startup_step"),
    path("<slug:slug>/members/", views.member_directory, name="members"),
    path("<slug:slug>/members/<int:membership_id>/", views.member_profile, name="member"),
    path("<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/profile/", views.my_profile, name="profile"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/join-requests/<int:request_id>/decide/", views.join_request_decide, name="join_request_decide"),
    path("<slug:slug>/map/", views.community_map, name="map"),
    path("<slug:slug>/map/<int:entry_id>/delete/", views.map_entry_delete, name="map_entry_delete"),
    path("<slug:slug>/invitations/", views.invitation_list, name="invitations"),
    path("<slug:slug>/invitations/new/", views.invite, name="invite"),
    path("<slug:slug>/invitations/<int:invitation_id>/resend/", views.invitation_resend, name="invitation_resend"),
    path("<slug:slug>/invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<slug:slug>/invitations/<int:invitation_id>/remind/", views.invitation_remind, name="invitation_remind"),
    path("<slug:slug>/invitations/<int:invitation_id>/role/", views.invitation_role, name="invitation_role"),
    path("<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<slug:slug>/meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:meeting_id>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("<slug:slug>/meetings/<int:meeting_id>/record/", views.meeting_record, name="meeting_record"),
    path("<slug:slug>/meetings/<int:meeting_id>/exchange/", views.meeting_exchange, name="meeting_exchange"),
    path("<slug:slug>/meetings/<int:meeting_id>/action/", views.meeting_action, name="meeting_action"),
    path("<slug:slug>/library/", views.library, name="library"),
    path("<slug:slug>/library/<int:item_id>/download/", views.library_download, name="library_download"),
    path("<slug:slug>/library/<int:item_id>/delete/", views.library_delete, name="library_delete"),
    path("<slug:slug>/journal/", views.journal, name="journal"),
    path("<slug:slug>/plan/", views.plan, name="plan"),
    path("<slug:slug>/plan/<int:action_id>/status/", views.action_status, name="action_status"),
]

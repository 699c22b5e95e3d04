"""URLs. Stable: people bookmark and share them (see the README's URL map)."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import bench_bare, views
from .accounts import views as account_views
from .notifications import views as notification_views

# The admin signs in through allauth (rate limits, one login page), never its own form.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Convene platform administration"

tenant_patterns = [
    path("", views.tenant_home, name="tenant_home"),
    path("my-work/", views.my_work, name="tenant_my_work"),
    path("people/", views.tenant_people, name="tenant_people"),
    path("people/add/", views.tenant_person_add, name="tenant_person_add"),
    path("people/<int:member_id>/", views.tenant_person, name="tenant_person"),
    path("people/<int:member_id>/remove/", views.tenant_person_remove, name="tenant_person_remove"),
    path("audit/", views.audit_trail, name="tenant_audit"),
    path("settings/", views.tenant_settings, name="tenant_settings"),
    path("settings/member-organisations/add/", views.member_organisation_edit, name="member_organisation_add"),
    path("settings/member-organisations/<int:member_org_id>/", views.member_organisation_edit,
         name="member_organisation_edit"),
    path("settings/member-organisations/<int:member_org_id>/delete/", views.member_organisation_delete,
         name="member_organisation_delete"),
    path("files/", include("cop_platform.builds.urls")),  # /<org>/files/<id>/: generated PDFs and zips
    path("", include("cop_platform.notifications.urls")),  # /<org>/notifications/: the inbox
    path("communities/", include("communities.urls")),
    path("calls/", include("conveners.urls")),
    path("", include("communities.host_urls")),  # /<org>/state-of-play/ and other host-wide pages
    path("", include("programmes.urls")),  # /<org>/programmes/…, /<org>/communities/<slug>/lifecycle/
    path("", include("evaluation.urls")),  # /<org>/evaluation/…, /<org>/communities/<slug>/value/…
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/profile/", account_views.profile, name="account_profile"),
    path("accounts/profile/calendar/", account_views.calendar_feed, name="account_calendar_feed"),
    path("accounts/signup/", account_views.signup, name="account_signup"),
    path("accounts/2fa/required/", account_views.mfa_required, name="mfa_required"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("invitations/", include("communities.invitation_urls")),
    path("join/", include("communities.join_link_urls")),
    path("confirmations/", include("conveners.confirmation_urls")),
    path("programme-confirmations/", include("programmes.confirmation_urls")),
    path("questionnaires/", include("programmes.questionnaire_urls")),
    path("unsubscribe/<str:token>/", notification_views.unsubscribe, name="notifications_unsubscribe"),
    # Calendar feeds: the secret in the URL stands for the person (no session; see cop_platform.calendar).
    path("calendar/", include("cop_platform.calendar.urls")),
    path("calendar/", include("communities.calendar_urls")),
    path("<slug:org>/", include(tenant_patterns)),
]
# The HTTP benchmark's bare page, before the organisations' pages; only when CONVENE_BENCH_BARE is set.
urlpatterns[-1:-1] = bench_bare.urlpatterns()

handler400 = "cop_platform.views.error_400"
handler403 = "cop_platform.views.error_403"
handler404 = "cop_platform.views.error_404"
handler500 = "cop_platform.views.error_500"

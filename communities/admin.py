from django.contrib import admin

from .models import Community, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "status", "visibility"]
    list_filter = ["organisation", "status", "visibility"]
    search_fields = ["name", "domain_statement"]
    inlines = [MembershipInline]

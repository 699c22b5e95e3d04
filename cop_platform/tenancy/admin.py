from django.contrib import admin

from .models import MemberOrganisation, Organisation, OrganisationMember, OrganisationRole


class MemberOrganisationInline(admin.TabularInline):
    model = MemberOrganisation
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "contact_email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MemberOrganisationInline]


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "member_organisation", "joined_at"]
    list_filter = ["organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "granted_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]

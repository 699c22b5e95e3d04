"""Platform staff's view of calls (the admin runs with scopes disabled). Hosts use the site's own pages;
state changes belong to the services, so the admin shows records read-only beyond plain fields."""

from django.contrib import admin

from .models import Application, Assignment, Call, Criterion, HonorariumPayment, Lead


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class LeadInline(admin.TabularInline):
    model = Lead
    extra = 0
    exclude = ["token_hash"]
    raw_id_fields = ["user", "member_organisation"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "closes_at", "outcome_by", "funded_places"]
    list_filter = ["organisation", "status"]
    search_fields = ["title"]
    readonly_fields = ["status", "released_at"]
    inlines = [CriterionInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["domain", "call", "organisation", "status", "decision"]
    list_filter = ["organisation", "status", "decision"]
    search_fields = ["domain", "leads__name"]
    readonly_fields = ["status", "decision", "submitted_at", "decided_at", "decided_by", "sponsor_confirmed_at"]
    exclude = ["sponsor_token_hash"]
    raw_id_fields = ["applicant", "call", "community", "copied_from"]
    inlines = [LeadInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "status", "conflict"]
    list_filter = ["organisation", "status", "conflict"]
    raw_id_fields = ["application", "reviewer", "call"]
    readonly_fields = ["status", "submitted_at"]


@admin.register(HonorariumPayment)
class HonorariumPaymentAdmin(admin.ModelAdmin):
    list_display = ["payee", "application", "amount_pence", "status", "reference"]
    list_filter = ["organisation", "status"]
    readonly_fields = ["amount_pence", "status", "approved_at", "claim_received_at", "paid_at"]
    raw_id_fields = ["application", "lead", "call"]

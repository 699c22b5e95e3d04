"""Views: parse the request, check permission, call one service or selector, render.

The modules are named so that none shadows a view of the same name (``views.review`` is the view;
the reviewing pages live in ``views.reviewing``).
"""

from ._common import conveners_page
from .application import (
    application_confirmations,
    application_convene,
    application_copy,
    application_edit,
    application_page,
    application_submit,
    application_withdraw,
    apply,
)
from .call import call_create, call_edit, call_page, call_status, calls, criteria, criterion_remove
from .confirmation import confirm
from .convener_support import application_support, profile, profiles, support
from .decision import application_decide, application_reviews, applications, award_decline, ranking, release
from .payment import honoraria, honoraria_csv, payment_update
from .reviewing import assign, assignments, panel, review, review_conflict, review_digest, review_moderate

__all__ = [
    "application_confirmations",
    "application_convene",
    "application_copy",
    "application_decide",
    "application_edit",
    "application_page",
    "application_reviews",
    "application_submit",
    "application_support",
    "application_withdraw",
    "applications",
    "apply",
    "assign",
    "assignments",
    "award_decline",
    "call_create",
    "call_edit",
    "call_page",
    "call_status",
    "calls",
    "confirm",
    "conveners_page",
    "criteria",
    "criterion_remove",
    "honoraria",
    "honoraria_csv",
    "panel",
    "payment_update",
    "profile",
    "profiles",
    "ranking",
    "release",
    "review",
    "review_conflict",
    "review_digest",
    "review_moderate",
    "support",
]

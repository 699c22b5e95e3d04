"""Calls for conveners: a call (round), applications with co-leads, panel review, decisions, honoraria.

Every table has its own ``organisation`` foreign key and a :class:`django_scopes.ScopedManager`. Money is
integer pence. The rules live in :mod:`conveners.rules`; state changes in :mod:`conveners.services`.
"""

from .applications import Application, ApplicationStatus, Decision, Lead, Sector
from .calls import Call, CallStatus, Criterion, IneligibleShare, PanelMember
from .honoraria import HonorariumPayment, PaymentStatus
from .reminders import ReminderKind, ReviewReminder
from .review import Assignment, AssignmentStatus, ConflictKind, Score
from .support import ConvenerProfile, SupportKind, SupportSession

__all__ = [
    "Application",
    "ApplicationStatus",
    "Assignment",
    "AssignmentStatus",
    "Call",
    "CallStatus",
    "ConflictKind",
    "ConvenerProfile",
    "Criterion",
    "Decision",
    "HonorariumPayment",
    "IneligibleShare",
    "Lead",
    "PanelMember",
    "PaymentStatus",
    "ReminderKind",
    "ReviewReminder",
    "Score",
    "Sector",
    "SupportKind",
    "SupportSession",
]

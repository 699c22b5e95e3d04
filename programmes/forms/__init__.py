"""Forms of the programmes app, a module per sub-domain."""

from .lifecycle import CheckInForm, DateInput, PhaseMoveForm

__all__ = ["CheckInForm", "DateInput", "PhaseMoveForm"]

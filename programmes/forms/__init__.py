"""Forms of the programmes app, a module per sub-domain."""

from .lifecycle import CheckInForm, DateInput, OutcomeForm, PhaseMoveForm, WithdrawOutcomeForm

__all__ = ["CheckInForm", "DateInput", "OutcomeForm", "PhaseMoveForm", "WithdrawOutcomeForm"]

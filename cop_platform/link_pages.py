"""The page a person sees when an e-mailed confirmation link cannot be used (any app's confirmations)."""

from django.shortcuts import render

UNUSABLE = {
    "invalid": (404, "This link cannot be used",
                "This confirmation link is not valid: it has been used already, or a newer e-mail replaced it, or "
                "it was copied incompletely. If you still need to answer, ask the applicant to send it again."),
    "expired": (410, "This link has expired",
                "Confirmation links work for a limited time. Ask the applicant to send you a new one."),
}


def link_unusable(request, code, *, closed_reason):
    """``code`` is ``invalid``, ``expired`` or ``closed`` (the thing no longer needs confirming: 410 with
    ``closed_reason``, which says why in the app's words)."""
    if code == "closed":
        status, title, reason = 410, "This application no longer needs confirming", closed_reason
    else:
        status, title, reason = UNUSABLE.get(code, UNUSABLE["invalid"])
    return render(request, "core/link_unusable.html", {"title": title, "reason": reason}, status=status)

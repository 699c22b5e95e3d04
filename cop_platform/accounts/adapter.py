"""allauth adapter: open sign-up is off; people arrive by invitation or are added by staff.

allauth's own e-mails (password reset, address confirmation, "account already exists") use Convene's
templates (``templates/account/email/``: text and HTML, the design of ``templates/email/base.html``).
They are sent directly, not through the outbox: they belong to no organisation, and their links sign a
person in or set a password for days, which must not be stored in a table. A server fault met while
sending them is recorded like the outbox's, so ``/healthz`` and admins see it.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

SIGNUP_ALLOWED_SESSION_KEY = "convene_signup_allowed"
# Set on the request when the app that brought the person to sign up has already greeted them (e.g.
# "Welcome to Sepsis."): allauth's "Successfully signed in" would be a second message saying less.
GREETED_ATTRIBUTE = "_convene_greeted"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        if getattr(settings, "CONVENE_OPEN_SIGNUP", False):
            return True
        # An invitation (the communities app) marks the session as allowed to sign up, for as long as the
        # app that opened it still stands by it (the invitation has not been withdrawn, answered or expired).
        from .signup import signup_withdrawn

        return bool(request.session.get(SIGNUP_ALLOWED_SESSION_KEY)) and not signup_withdrawn(request)

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="",
                    message=None):
        if getattr(request, GREETED_ATTRIBUTE, False) and message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template=message_template, message_context=message_context,
                            extra_tags=extra_tags, message=message)

    def format_email_subject(self, subject):
        from cop_platform.email import single_line

        return single_line(super().format_email_subject(subject))

    def send_mail(self, template_prefix, email, context):
        from cop_platform.email import (
            SendErrorKind,
            classify_send_error,
            mail_server_fault_record,
            mail_server_ok_record,
        )

        context = {"site_name": "Convene", "site_url": settings.SITE_URL, **context}
        try:
            super().send_mail(template_prefix, email, context)
        except Exception as exc:
            error = classify_send_error(exc)
            if error.kind is SendErrorKind.SERVER:
                mail_server_fault_record(error.reason)
            raise
        mail_server_ok_record()

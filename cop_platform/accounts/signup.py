"""Sign-up that an app brings people to (a community's invitation), without the core importing the app.

Sign-up is closed unless something opens it for the session (see ``adapter.is_open_for_signup``). An app
that does (communities, for invitations) registers a :class:`SignupExtension` in its ``ready()``; the
sign-up view asks the registered extensions which one applies to the request and lets it add fields, say
what the person is signing up for, act before the form is checked, and finish the sign-up (join the
community) and choose where the person lands.
"""

_EXTENSIONS = []


class SignupExtension:
    """What an app contributes to a sign-up it brought the person to. Override what you need."""

    def opened(self, request):
        """True when the app opened sign-up for this session (e.g. the session names one of its invitations)."""
        return False

    def applies(self, request):
        """True when this sign-up is the app's and still stands (e.g. the invitation can still be accepted)."""
        return False

    def context(self, request):
        """Extra template context: ``signup_heading``, ``signup_lead`` (plain text, escaped)."""
        return {}

    def fields(self, request):
        """Extra form fields, ``{name: forms.Field}``, added after allauth's."""
        return {}

    def before_validation(self, request, email):
        """Runs on each POST before the form is checked (e.g. release claims the invitation disproves)."""

    def complete(self, request, user, cleaned_data):
        """Runs once the account exists (the person is not yet signed in). Returns the URL to land on, or
        ``None`` for the usual one."""
        return


def register_signup_extension(extension):
    if not any(type(e) is type(extension) for e in _EXTENSIONS):
        _EXTENSIONS.append(extension)


def signup_withdrawn(request):
    """True when the app that opened sign-up for this session no longer stands by it: sign-up closes."""
    return any(e.opened(request) and not e.applies(request) for e in _EXTENSIONS)


def signup_extension_for(request):
    for extension in _EXTENSIONS:
        if extension.applies(request):
            return extension
    return None

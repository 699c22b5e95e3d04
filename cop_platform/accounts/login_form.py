"""The sign-in form: allauth's, worded the house way.

Kept apart from ``forms.py``, which allauth imports while building its own forms (``ACCOUNT_SIGNUP_FORM_CLASS``).
"""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page has one "Forgot your password?" link, below the form; not a second one in the hint.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Remember me"

from allauth.account.views import SignupView
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cop_platform import registry
from cop_platform.calendar.services import (
    calendar_feed_has,
    calendar_feed_issue,
    calendar_feed_revoke,
    feed_link,
)
from cop_platform.tokens import absolute_link

from .adapter import GREETED_ATTRIBUTE
from .mfa import has_second_factor
from .models import User
from .signup import signup_extension_for


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "profession", "job_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["profession"].help_text = "For example nurse, pharmacist, GP, improvement advisor."


@login_required
def mfa_required(request):
    """Why staff must set up a second factor, and how (cop_platform/accounts/mfa.py sends them here)."""
    return render(request, "account/mfa_required.html", {"has_factor": has_second_factor(request)})


@login_required
def profile(request):
    """Your own name, profession and job title, as your communities see them."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("account_profile")
    return render(request, "account/profile.html", {"form": form, "has_feed": calendar_feed_has(user=request.user)})


@login_required
@require_POST
def calendar_feed(request):
    """Make (or regenerate) or turn off the person's calendar feed. A new URL is shown on this answer
    only: its secret is not stored, so it cannot be shown again."""
    form = ProfileForm(instance=request.user)
    if request.POST.get("action") == "revoke":
        if calendar_feed_revoke(user=request.user):
            messages.success(request, "Your calendar feed is turned off: its address no longer works.")
        return redirect("account_profile")
    token = calendar_feed_issue(user=request.user)
    feeds = [(name, absolute_link(reverse(url_name, kwargs={"token": token, **kwargs})))
             for source in registry.calendar_sources() if source.narrower_feeds
             for name, url_name, kwargs in source.narrower_feeds(request.user)]
    return render(request, "account/profile.html", {
        "form": form, "has_feed": True, "feed_url": feed_link(token), "community_feeds": feeds})


class InvitedSignupView(SignupView):
    """allauth's sign-up, shaped by the app that brought the person here (:mod:`.signup`): the e-mail is
    fixed to the invited address (allauth would store that address as verified whatever they typed), the
    app adds its fields and words, every required field says so, and the app finishes the sign-up (the
    person joins the community) and chooses where they land."""

    template_name = "account/signup.html"

    def dispatch(self, request, *args, **kwargs):
        self.extension = signup_extension_for(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        invited = self.request.session.get("account_verified_email")
        if invited and "email" in form.fields:
            form.fields["email"].initial = invited
            form.fields["email"].disabled = True
            form.fields["email"].help_text = "The address your invitation was sent to."
        if self.extension is not None:
            extra = self.extension.fields(self.request)
            form.fields.update(extra)
            form.order_fields(["email", "first_name", "last_name", *extra, "password1", "password2"])
        if "password2" in form.fields:
            form.fields["password2"].label = "Confirm password"
        for field in form.fields.values():
            if field.required and not field.disabled and not str(field.label or "").endswith("(required)"):
                field.label = f"{field.label} (required)"
        return form

    def post(self, request, *args, **kwargs):
        invited = request.session.get("account_verified_email")
        if self.extension is not None and invited:
            self.extension.before_validation(request, invited)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if self.extension is None:
            return super().form_valid(form)
        from allauth.account.internal import flows
        from allauth.core.exceptions import ImmediateHttpResponse

        self.user, response = form.try_save(self.request)
        if response:
            return response
        landing = self.extension.complete(self.request, self.user, form.cleaned_data)
        # The extension greets the person in its own words; allauth's sign-in message would be a second one.
        setattr(self.request, GREETED_ATTRIBUTE, landing is not None)
        try:
            return flows.signup.complete_signup(self.request, user=self.user,
                                                redirect_url=landing or self.get_success_url())
        except ImmediateHttpResponse as exc:
            return exc.response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.extension is not None:
            context.update(self.extension.context(self.request))
        return context


signup = InvitedSignupView.as_view()

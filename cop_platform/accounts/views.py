from allauth.account.views import SignupView
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .models import User


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
def profile(request):
    """Your own name, profession and job title, as your communities see them."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("account_profile")
    return render(request, "account/profile.html", {"form": form})


class InvitedSignupView(SignupView):
    """allauth's sign-up, with the e-mail fixed to the invited address when an invitation brought the
    person here: allauth would store the invited address as verified whatever they typed."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        invited = self.request.session.get("account_verified_email")
        if invited and "email" in form.fields:
            form.fields["email"].initial = invited
            form.fields["email"].disabled = True
            form.fields["email"].help_text = "The address your invitation was sent to."
        return form


signup = InvitedSignupView.as_view()

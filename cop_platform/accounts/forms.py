from django import forms


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: people are known by name in their communities."""

    first_name = forms.CharField(label="First name", max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Last name", max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    profession = forms.CharField(label="Profession", max_length=150, required=False,
                                 help_text="For example nurse, pharmacist, GP, improvement advisor.")

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.profession = self.cleaned_data.get("profession", "").strip()
        user.save(update_fields=["first_name", "last_name", "profession"])

from django import forms
from django_scopes.forms import SafeModelChoiceField

from .models import MemberOrganisation, Role


def _member_organisation_field():
    return SafeModelChoiceField(
        queryset=MemberOrganisation.objects.none(), required=False, label="Member organisation",
        empty_label="Not a member organisation",
        help_text="The NHS body they work for, if it is one of the organisation's members.",
    )


class PersonAddForm(forms.Form):
    email = forms.EmailField(label="E-mail address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    member_organisation = _member_organisation_field()
    employer = forms.CharField(label="Employer (if not a member organisation)", max_length=200, required=False)
    roles = forms.MultipleChoiceField(label="Roles", choices=Role.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text="Leave all unticked for someone who only takes part in communities.")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_organisation"].queryset = MemberOrganisation.objects.filter(organisation=organisation)


class PersonRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label="Roles", choices=Role.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        from .models import Organisation

        model = Organisation
        fields = ["name", "short_description", "contact_email", "introduction"]
        widgets = {"short_description": forms.Textarea(attrs={"rows": 4}),
                   "introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "short_description": "Shown on your organisation's home page and in the list of organisations.",
            "contact_email": "Shown in the footer of every page, for questions about your programme.",
            "introduction": "The first page of the communities' brochure (a PDF meant for people outside the "
                            "organisation). At most 5,000 characters; leave empty to use the short description.",
        }


class MemberOrganisationForm(forms.ModelForm):
    class Meta:
        model = MemberOrganisation
        fields = ["name", "ods_code"]
        help_texts = {"ods_code": "The NHS Organisation Data Service code, for example RJ1. "
                                  "Leave empty if it has none."}

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_ods_code(self):
        return (self.cleaned_data.get("ods_code") or "").strip().upper()

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        clash = MemberOrganisation.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("There is already a member organisation with this name.")
        return name

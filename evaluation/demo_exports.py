"""The brochure's demo data: the HIN host's introduction (in the organisation's settings) and the demo
Sepsis convener's interview answers, through the settings' field and the conveners' service. Idempotent:
an introduction or a profile already there (perhaps edited on the site) is left alone."""

from django_scopes import scope

HIN = "hin-south-london"
INTRODUCTION = (
    "Patient safety is a systemic issue, not contained within neat boundaries. Our communities of practice "
    "bring together people from across south London's trusts, practices and professions who share a passion "
    "for safer care and see a problem they cannot solve alone.\n\n"
    "Each community chooses its own domain, its own way of meeting and what it pays attention to. This "
    "brochure introduces the communities running today, the people who convene them, how a community grows "
    "through its lifecycle, and how we look for the value it creates."
)
CONVENER = "convener@hin.example.org"
ANSWERS = {
    "about": "I am a consultant in acute medicine and have spent the last ten years on wards where a missed "
             "early sign of sepsis changes everything for a patient.",
    "motivation": "Every trust had its own screening tool and its own audit. We kept solving the same problem "
                  "separately; I wanted us to solve it together.",
    "achievement": "Agreeing one escalation chart that ward nurses, paramedics and GPs all recognise.",
    "one_thing": "That every patient with suspected sepsis is screened within the hour, wherever they enter "
                 "the system.",
    "nhs_change": "By showing that peers across organisations can change practice faster than a directive can.",
}


def seed(*, organisations, stdout):
    from conveners.models import ConvenerProfile
    from conveners.services.support import convener_profile_save
    from cop_platform.accounts.models import User
    from cop_platform.tenancy.models import Organisation

    organisation = organisations.get(HIN)
    if organisation is None:
        return
    Organisation.objects.filter(pk=organisation.pk, introduction="").update(introduction=INTRODUCTION)
    convener = User.objects.filter(email=CONVENER).first()
    with scope(organisation=organisation):
        if convener and not ConvenerProfile.objects.filter(organisation=organisation, user=convener).exists():
            convener_profile_save(organisation=organisation, by=convener, **ANSWERS)
    stdout.write("Brochure: the host's introduction and the Sepsis convener's interview answers.\n")

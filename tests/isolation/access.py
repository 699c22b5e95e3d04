"""Who may open each tenant URL. The crawler fails on a tenant URL missing from these tables, so a new
page cannot escape the isolation tests: add its name with the least access that fits.

Each app keeps its own table in ``tests/isolation/access_<app>.py``: a dict ``ACCESS`` and, when its URLs
take arguments beyond ``org`` and ``slug``, a function ``url_arguments(tenant)`` that builds the records
they name inside that tenant and returns ``{argument: value}``; and a function ``grow(tenant, community, n)``
that adds ``n`` more of every kind of record its pages list or count, in that tenant and ``community``
(``tests/isolation/test_query_budget.py`` grows the crawler's world and checks that no page makes more
queries for it).

- ``MEMBER``: anyone who belongs to the organisation;
- ``COMMUNITY``: a page of one community: its members and host staff — unlisted communities are 404 to
  everyone else (the crawler also tries the unlisted community);
- ``COMMUNITY_MEMBERS``: a members-only page of one community (directory, journal, meetings, library,
  plan): like ``COMMUNITY``, and a person of the organisation outside a listed community gets 403 — or
  200 once its conveners open its pages to the organisation;
- ``COMMUNITY_CORE``: a page of one community for those who run it with its conveners (meetings' agendas
  and records, the momentum plan): its conveners, core group and host staff; other members get 403;
- ``COMMUNITY_CONVENER``: a convener's page of one community: members without a convening role get 403;
- ``COMMUNITY_CONTRIBUTORS``: a page of one community for those who record its evidence: its conveners, core
  group, host staff and evaluators; other members get 403;
- ``APPLICATION_VIEWER``: one application: its applicant and host staff; anyone else gets 404 (someone
  else's application is not theirs to know of);
- ``APPLICATION_OWNER``: an applicant's action on their application: the applicant only; host staff, who
  may read it, get 403; anyone else 404;
- ``EVENT_VIEWER``: one cross-community event (programmes' Basecamps): host staff (admins, project
  managers), its invitees and members of its communities; anyone else gets 404 (the crawler's event brings
  the listed and the unlisted community together);
- ``COHORT_APPLICATION_VIEWER`` / ``COHORT_APPLICATION_OWNER``: the same two levels for an application to a
  cohort programme (its own URL argument, ``cohort_application``);
- ``PROGRAMME_PORTAL``: a cohort programme's portal (its sessions, materials and downloads): the
  programme's participants taking part and host staff; anyone else in the organisation gets 403 (the
  programme is listed to all of them, so its portal is no secret, only its contents); in the crawler's
  records the plain member of the listed community is the cohort's one participant;
- ``COMMUNITY_EVALUATION``: a community's evaluation page (pulse results): like ``COMMUNITY_CORE``, and
  evaluators too;
- ``STORY_WRITER``: changing a value-creation story (the crawler's story is shared, told by the convener):
  its narrator, evaluators and host staff; others who may see it get 403;
- ``STORY_NARRATOR``: the narrator's own action on their story (delete, follow-up): the narrator only;
- ``STAFF_FILE``: a generated file for host staff only (an application dossier: reviewers' names and
  scores): admins and project managers; everyone else gets 404, the applicant included (the builder's
  ``allowed`` says no, and the file's page does not admit the file exists);
- a tuple of organisation roles: only people holding one of them (others get 403).

``tests/isolation/test_refusals.py`` turns each level into who is let in and what everyone else gets.
"""

import importlib
import pkgutil
from pathlib import Path

from cop_platform.tenancy.models import Role

MEMBER = "member"
COMMUNITY = "community"
COMMUNITY_CONVENER = "community_convener"
COMMUNITY_MEMBERS = "community_members"
COMMUNITY_CORE = "community_core"
COMMUNITY_CONTRIBUTORS = "community_contributors"
APPLICATION_VIEWER = "application_viewer"
APPLICATION_OWNER = "application_owner"
EVENT_VIEWER = "event_viewer"
COHORT_APPLICATION_VIEWER = "cohort_application_viewer"
COHORT_APPLICATION_OWNER = "cohort_application_owner"
PROGRAMME_PORTAL = "programme_portal"
# Evaluation: stories and the pulse
COMMUNITY_EVALUATION = "community_evaluation"
STORY_WRITER = "story_writer"
STORY_NARRATOR = "story_narrator"
STAFF_FILE = "staff_file"

ACCESS = {
    "tenant_home": MEMBER,
    "tenant_my_work": MEMBER,
    "tenant_people": (Role.ADMIN,),
    "tenant_person_add": (Role.ADMIN,),
    "tenant_person": (Role.ADMIN,),
    "tenant_person_remove": (Role.ADMIN,),
    "tenant_audit": (Role.ADMIN,),
    "tenant_settings": (Role.ADMIN,),
    "member_organisation_add": (Role.ADMIN,),
    "member_organisation_edit": (Role.ADMIN,),
    "member_organisation_delete": (Role.ADMIN,),
    "communities:directory": MEMBER,
    "communities:home": COMMUNITY,
}

_extra_arguments = []
_growers = []
for module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if module_info.name.startswith("access_"):
        module = importlib.import_module(f"tests.isolation.{module_info.name}")
        ACCESS.update(getattr(module, "ACCESS", {}))
        if hasattr(module, "url_arguments"):
            _extra_arguments.append(module.url_arguments)
        if hasattr(module, "grow"):
            _growers.append(module.grow)


def url_arguments(tenant, *, community):
    """Values for URL arguments in ``tenant``. A URL argument with no value here fails the crawler."""
    from django_scopes import scopes_disabled

    from cop_platform.tenancy.models import MemberOrganisation, OrganisationMember

    with scopes_disabled():
        member_id = OrganisationMember.objects.get(organisation=tenant.organisation, user=tenant.member).pk
        member_org, _ = MemberOrganisation.objects.get_or_create(organisation=tenant.organisation,
                                                                 name="Crawler Example NHS Trust")
    arguments = {"org": tenant.organisation.slug, "slug": community.slug, "member_id": member_id,
                 "member_org_id": member_org.pk}
    for extra in _extra_arguments:
        more = extra(tenant, community=community)
        clash = set(more) & set(arguments)
        assert not clash, f"URL argument names used by two apps with different records: {sorted(clash)}"
        arguments.update(more)
    return arguments


def _grow_organisation(tenant, community, n):
    """People of the organisation with roles, member organisations and audit events (the admin's pages)."""
    from django_scopes import scopes_disabled

    from cop_platform.models import AuditEvent
    from cop_platform.tenancy.models import MemberOrganisation, OrganisationRole
    from tests.factories import people_in

    org = tenant.organisation
    people = people_in(org, n, label="staff")
    roles = (Role.PROJECT_MANAGER, Role.PANEL_MEMBER, Role.EVALUATOR, Role.ADMIN)
    with scopes_disabled():
        OrganisationRole.objects.bulk_create(OrganisationRole(organisation=org, user=person, role=roles[i % 4])
                                             for i, person in enumerate(people))
        start = MemberOrganisation.objects.filter(organisation=org).count()
        MemberOrganisation.objects.bulk_create(MemberOrganisation(organisation=org, name=f"Example Trust {start + i}")
                                               for i in range(n))
        AuditEvent.objects.bulk_create(AuditEvent(organisation=org, actor=tenant.admin, action="person.added",
                                                  target_type="accounts.user", target_id=str(person.pk),
                                                  target_label=person.email, summary="Added")
                                       for person in people)


def grow(tenant, *, community, n):
    """``n`` more of every record kind every app's pages list or count, in ``tenant`` and ``community``
    (after the crawler's own records, which some of them add to)."""
    url_arguments(tenant, community=community)
    _grow_organisation(tenant, community, n)
    for extra in _growers:
        extra(tenant, community=community, n=n)

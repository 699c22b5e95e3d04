"""Access table for the programmes app's tenant URLs (see tests/isolation/access.py)."""

from cop_platform.tenancy.models import Role
from tests.isolation.access import COMMUNITY_MEMBERS, MEMBER, PROGRAMME_PORTAL

STAFF = (Role.ADMIN, Role.PROJECT_MANAGER)

ACCESS = {
    # The lifecycle page reads like the other members-only pages; its forms are guarded within (the
    # check-in for those who run the community, the phase move for conveners and host staff).
    "programmes:lifecycle": COMMUNITY_MEMBERS,
}

# --- Programmes and cohorts (helper "cohorts") -------------------------------------------------------------
# The list and a programme's page are for everyone in the organisation; managing is for host staff; the
# portal (sessions, materials, downloads) for the cohort's participants and host staff.
ACCESS.update({
    "programmes:programmes": MEMBER,
    "programmes:programme": MEMBER,
    "programmes:programme_create": STAFF,
    "programmes:programme_edit": STAFF,
    "programmes:programme_delete": STAFF,
    "programmes:programme_communities": STAFF,
    "programmes:session_create": STAFF,
    "programmes:standard_setup": STAFF,
    "programmes:session_edit": STAFF,
    "programmes:session_cancel": STAFF,
    "programmes:session_delete": STAFF,
    "programmes:attendance": STAFF,
    "programmes:material_add": STAFF,
    "programmes:material_delete": STAFF,
    "programmes:participants": STAFF,
    "programmes:groups": STAFF,
    "programmes:portal": PROGRAMME_PORTAL,
    "programmes:session": PROGRAMME_PORTAL,
    "programmes:material_download": PROGRAMME_PORTAL,
})


def _cohort_arguments(tenant, *, community):
    """The crawler's cohort in ``tenant``: its slug is the community's (the URL argument ``slug`` is shared
    with the community pages), with one session, one file material and the listed community's plain member
    as its participant."""
    from django.core.files.base import ContentFile
    from django_scopes import scopes_disabled

    from programmes.models import MaterialKind, Participant, Programme, Session, SessionMaterial

    with scopes_disabled():
        programme, _ = Programme.objects.get_or_create(
            organisation=tenant.organisation, slug=community.slug,
            defaults={"name": "Crawler cohort", "kind": "cohort"})
        Programme.objects.filter(pk=programme.pk).update(kind="cohort")
        Participant.objects.get_or_create(organisation=tenant.organisation, programme=programme, user=tenant.member)
        session = Session.objects.filter(programme=programme).first() or Session.objects.create(
            organisation=tenant.organisation, programme=programme, kind="welcome")
        material = SessionMaterial.objects.filter(session=session, kind=MaterialKind.FILE).first()
        if material is None:
            material = SessionMaterial(organisation=tenant.organisation, session=session, kind=MaterialKind.FILE,
                                       title="Crawler slides", original_name="slides.pdf",
                                       content_type="application/pdf", size=9)
            material.file.save("slides.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"session_id": session.pk, "material_id": material.pk}


def url_arguments(tenant, *, community):
    return _cohort_arguments(tenant, community=community)

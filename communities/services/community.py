"""Services for a community itself: creating it, its home sections, start-up steps and map."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cop_platform.audit import audit_record
from cop_platform.slugs import unique_slug

from ..models import Community, CommunityStatus, MapEntry, Visibility
from ._common import _check_tenant


def unique_community_slug(*, organisation, name):
    return unique_slug(name, Community.objects.filter(organisation=organisation), fallback="community")


@transaction.atomic
def community_create(*, organisation, name, domain_statement="", slug=None,
                     status=CommunityStatus.FORMING, visibility=Visibility.LISTED):
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the community's name."})
    community = Community(
        organisation=organisation,
        name=name,
        slug=slug or unique_community_slug(organisation=organisation, name=name),
        domain_statement=domain_statement,
        status=status,
        visibility=visibility,
    )
    community.full_clean(exclude=["organisation"])
    community.save()
    return community


# --- The community map -----------------------------------------------------------------------------


@transaction.atomic
def map_entry_add(*, organisation, by, community, name, email="", employer="", why=""):
    _check_tenant(organisation, community)
    entry = MapEntry(organisation=organisation, community=community, name=name.strip(),
                     email=(email or "").strip().lower(), employer=employer.strip(), why=why.strip(), added_by=by)
    entry.full_clean(exclude=["organisation", "community", "added_by"])
    entry.save()
    return entry


@transaction.atomic
def map_entry_delete(*, organisation, by, entry):
    _check_tenant(organisation, entry)
    entry.delete()


# --- The community home: Domain, Practice, Community, reflection, settings, start-up steps -----------

SECTIONS = {
    "domain": ["domain_statement"],
    "practice": ["practice", "repertoire"],
    "community": ["who_else"],
    "reflection": ["reflection_identity", "reflection_information", "reflection_relationship"],
    "settings": ["status", "visibility", "open_to_join", "content_open"],
}


@transaction.atomic
def community_update(*, organisation, by, community, section, data):
    """Save one section of the community home. A changed domain statement is kept as a new version;
    changes of status and visibility are audited."""
    from ..models import DomainVersion

    _check_tenant(organisation, community)
    if section not in SECTIONS:
        raise ValidationError("No such section.")
    community = Community.objects.select_for_update().get(pk=community.pk)
    before = {f: getattr(community, f) for f in SECTIONS[section]}
    for name in SECTIONS[section]:
        value = data.get(name, getattr(community, name))
        setattr(community, name, value.strip() if isinstance(value, str) else value)
    community.full_clean(exclude=["organisation"])
    community.save()
    changes = {f: [before[f], getattr(community, f)] for f in before if before[f] != getattr(community, f)}
    if section == "domain" and "domain_statement" in changes:
        if not DomainVersion.objects.filter(community=community).exists() and before["domain_statement"]:
            # Keep the first draft (written before the history began) as the first version.
            DomainVersion.objects.create(organisation=organisation, community=community,
                                         text=before["domain_statement"], edited_by=None)
        DomainVersion.objects.create(organisation=organisation, community=community,
                                     text=community.domain_statement, edited_by=by)
    if section == "settings" and changes:
        audit_record(organisation=organisation, actor=by, action="community.settings_changed", target=community,
                     changes=changes)
    return community


STARTUP_STEPS = [
    # (key, who, title, how it is done in the app) — FAQ §10 "Convening: the start-up steps".
    ("domain", "Convener", "Develop the domain",
     "Write the domain statement here, with the core group: the statement from the application is a first draft."),
    ("map", "Convener", "Map of community members", "Add the people wanted and needed to the community map."),
    ("invitation", "Convener", "Invitation", "Send the first invitation."),
    ("conversation", "Convener and core group", "Initial conversation",
     "Meet to co-develop the domain and a plan; tick when it has happened."),
    ("roles", "Core community", "Roles and responsibilities",
     "Agree who handles agendas, notes, communication and facilitation: give core group members working roles."),
    ("define", "Core community", "Define the community", "Write who else needs to be here."),
]
MANUAL_STEPS = {"conversation"}


@transaction.atomic
def startup_step_tick(*, organisation, by, community, step, done=True):
    """A convener ticks (or unticks) a start-up step the app cannot see being done."""
    _check_tenant(organisation, community)
    if step not in MANUAL_STEPS:
        raise ValidationError("This step is ticked by doing it in the app.")
    community = Community.objects.select_for_update().get(pk=community.pk)
    ticks = [t for t in community.startup_ticks if t != step] + ([step] if done else [])
    community.startup_ticks = ticks
    community.save(update_fields=["startup_ticks", "updated_at"])
    return community

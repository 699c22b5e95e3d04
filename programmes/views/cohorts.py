"""A cohort programme: its sessions (staff create, edit, cancel, delete; the standard programme), the portal
(sessions, materials, one's co-consulting group) for its participants and host staff, attendance, groups."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import GroupSizeForm, MaterialFileForm, MaterialLinkForm, SessionForm, StandardSetupForm
from ..models import MaterialKind, Participant, ParticipantStatus, Session, SessionMaterial
from ._programme import _ctx, programme_page


def _session(programme, session_id):
    session = Session.objects.filter(programme=programme, pk=session_id).select_related("programme").first()
    if session is None:
        raise Http404("No such session.")
    return session


def _cohort_only(programme):
    if not programme.is_cohort:
        raise Http404("Only a cohort programme has sessions.")


@programme_page(manage=True)
def session_create(request, *, programme):
    _cohort_only(programme)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(organisation=request.organisation, by=request.user,
                                              programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{session.name} is added to the programme.")
            return redirect(programme.get_absolute_url())
    return render(request, "programmes/session_form.html", _ctx(request, form=form, session=None))


@programme_page(manage=True)
def session_edit(request, *, programme, session_id):
    session = _session(programme, session_id)
    form = SessionForm(request.POST if request.method == "POST" else None, instance=Session.objects.get(pk=session.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(organisation=request.organisation, by=request.user, session=session,
                                    **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The session is saved; participants are told of any change.")
            return redirect(session.get_absolute_url())
    return render(request, "programmes/session_form.html", _ctx(request, form=form, session=session))


@programme_page(manage=True)
def session_cancel(request, *, programme, session_id):
    session = _session(programme, session_id)
    if request.method == "POST":
        try:
            services.session_cancel(organisation=request.organisation, by=request.user, session=session)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{session.name} is cancelled; participants are told.")
        return redirect(session.get_absolute_url())
    return render(request, "programmes/session_confirm.html", _ctx(request, session=session, action="cancel"))


@programme_page(manage=True)
def session_delete(request, *, programme, session_id):
    session = _session(programme, session_id)
    if request.method == "POST":
        services.session_delete(organisation=request.organisation, by=request.user, session=session)
        messages.success(request, f"{session.name} is deleted.")
        return redirect(programme.get_absolute_url())
    return render(request, "programmes/session_confirm.html", _ctx(
        request, session=session, action="delete", material_count=session.materials.count()))


@programme_page(manage=True, methods=("POST",))
def standard_setup(request, *, programme):
    _cohort_only(programme)
    form = StandardSetupForm(request.POST)
    if form.is_valid():
        try:
            sessions = services.standard_programme_setup(organisation=request.organisation, by=request.user,
                                                         programme=programme, start=form.cleaned_data["start"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{len(sessions)} sessions are set up"
                             + ("." if form.cleaned_data["start"] else ": fill in their dates and times."))
            return redirect(programme.get_absolute_url())
    return render(request, "programmes/programme.html", _ctx(
        request, page=paginate(request, selectors.sessions_of(programme=programme)), setup_form=form))


@programme_page(portal=True, methods=("GET",))
def portal(request, *, programme):
    participant = request.programme_context["participant"]
    return render(request, "programmes/portal.html", _ctx(
        request, page=paginate(request, selectors.sessions_of(programme=programme)),
        group=selectors.group_of(participant=participant)))


def _material_forms(request, kind=None):
    posted = request.method == "POST"
    return (MaterialLinkForm(request.POST if posted and kind == "link" else None, prefix="link"),
            MaterialFileForm(request.POST if posted and kind == "file" else None,
                             request.FILES if posted and kind == "file" else None, prefix="file"))


def _session_page(request, session, link_form=None, file_form=None):
    if link_form is None:
        link_form, file_form = _material_forms(request)
    materials = list(SessionMaterial.objects.filter(session=session).order_by("created_at", "pk"))
    return render(request, "programmes/session.html", _ctx(
        request, session=session, materials=materials, link_form=link_form, file_form=file_form))


@programme_page(portal=True, methods=("GET",))
def session(request, *, programme, session_id):
    return _session_page(request, _session(programme, session_id))


@programme_page(manage=True, methods=("POST",))
def material_add(request, *, programme, session_id):
    session = _session(programme, session_id)
    kind = request.POST.get("kind")
    link_form, file_form = _material_forms(request, kind)
    form = {"link": link_form, "file": file_form}.get(kind)
    if form is None:
        messages.error(request, "Choose whether to add a link or a file.")
    elif form.is_valid():
        data = form.cleaned_data
        try:
            services.material_add(organisation=request.organisation, by=request.user, session=session,
                                  title=data["title"], url=data.get("url", ""), uploaded=data.get("file"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{data['title']}” is in the session's materials.")
            return redirect(session.get_absolute_url())
    return _session_page(request, session, link_form, file_form)


@programme_page(portal=True, methods=("GET",))
def material_download(request, *, programme, material_id):
    material = SessionMaterial.objects.filter(session__programme=programme, pk=material_id,
                                              kind=MaterialKind.FILE).first()
    if material is None or not material.file:
        raise Http404("No such file.")
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=material.original_name,
                            content_type=material.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@programme_page(manage=True, methods=("POST",))
def material_delete(request, *, programme, material_id):
    material = SessionMaterial.objects.filter(session__programme=programme, pk=material_id).select_related(
        "session__programme").first()
    if material is None:
        raise Http404("No such material.")
    services.material_delete(organisation=request.organisation, by=request.user, material=material)
    messages.success(request, f"“{material.title}” is removed.")
    return redirect(material.session.get_absolute_url())


@programme_page(manage=True)
def attendance(request, *, programme, session_id):
    session = _session(programme, session_id)
    participants = list(Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED)
                        .select_related("user").order_by("user__last_name", "user__first_name", "pk"))
    error = ""
    if request.method == "POST":
        try:
            n = services.attendance_record(organisation=request.organisation, by=request.user, session=session,
                                           participant_ids=[v for v in request.POST.getlist("attended")
                                                            if v.isdigit()][:1000])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Attendance is recorded: {n} of {len(participants)} attended.")
            return redirect(session.get_absolute_url())
    attended = set(session.attendances.values_list("participant_id", flat=True))
    return render(request, "programmes/attendance.html", _ctx(
        request, session=session, participants=participants, attended=attended, error=error))


@programme_page(manage=True, methods=("GET",))
def participants(request, *, programme):
    _cohort_only(programme)
    query = request.GET.get("q", "").strip()[:200]
    people, recorded = selectors.participants_with_attendance(programme=programme, query=query)
    return render(request, "programmes/participants.html", _ctx(
        request, page=paginate(request, people), recorded=recorded, query=query,
        query_string=urlencode({"q": query})))


@programme_page(manage=True)
def groups(request, *, programme):
    """Form co-consulting groups: the app proposes groups of the chosen size (``rules_cohorts.propose_groups``),
    the manager moves people with a select each, then saves."""
    _cohort_only(programme)
    people = list(Participant.objects.filter(programme=programme, status=ParticipantStatus.SELECTED)
                  .select_related("user", "group_place__group").order_by("user__last_name", "user__first_name", "pk"))
    size_form = GroupSizeForm(request.GET if "group_size" in request.GET else None)
    placement = {p.pk: p.group_place.group.number for p in people if hasattr(p, "group_place")}
    proposed = False
    errors = []
    if request.method == "POST":
        chosen = {}
        for p in people:
            value = request.POST.get(f"group-{p.pk}", "")
            if value.isdigit():
                chosen[p.pk] = int(value)
        try:
            services.groups_save(organisation=request.organisation, by=request.user, programme=programme,
                                 placement=chosen)
        except ValidationError as exc:
            errors = exc.messages
            placement = chosen
        else:
            messages.success(request, "The co-consulting groups are saved; participants see theirs in the portal.")
            return redirect("programmes:groups", org=request.organisation.slug, slug=programme.slug)
    elif size_form.is_bound and size_form.is_valid():
        placement = services.groups_propose(programme=programme, group_size=size_form.cleaned_data["group_size"])
        proposed = True
    count = max(placement.values(), default=0)
    group_count = min(max(count, 1) + 1, len(people)) if people else 1  # one more group than used, to split off
    rows = [(p, placement.get(p.pk)) for p in people]
    by_group = {}
    for p, number in rows:
        if number:
            by_group.setdefault(number, []).append(p)
    return render(request, "programmes/groups.html", _ctx(
        request, size_form=size_form, rows=rows, numbers=range(1, group_count + 1),
        by_group=sorted(by_group.items()), proposed=proposed, errors=errors))

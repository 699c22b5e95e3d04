"""The community library: listing, adding, downloading and deleting items."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from cop_platform.forms import add_service_errors
from cop_platform.pagination import paginate

from .. import services
from ._common import _ctx, _posted, community_page


@community_page(members_only=True)
def library(request, *, community, membership):
    from urllib.parse import urlencode

    from ..forms import LibraryFileForm, LibraryLinkForm
    from ..models import LibraryItem, LibraryKind

    kind = request.POST.get("kind") if request.method == "POST" else None
    link_form = LibraryLinkForm(_posted(request) if kind == "link" else None, prefix="link")
    file_form = LibraryFileForm(_posted(request) if kind == "file" else None,
                                request.FILES if kind == "file" else None, prefix="file")
    if request.method == "POST":
        if membership is None:
            raise PermissionDenied("Only members add to the library.")
        form = link_form if kind == "link" else file_form if kind == "file" else None
        if form is None:
            messages.error(request, "Choose whether to add a link or a file.")
        elif form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.library_item_add(organisation=request.organisation, by=request.user, community=community,
                                          title=data["title"], description=data["description"], tags=data["tags"],
                                          url=data.get("url", ""), uploaded=data.get("file"))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"“{data['title']}” is in the library.")
                return redirect("communities:library", org=request.organisation.slug, slug=community.slug)
    query = request.GET.get("q", "").strip()[:200]
    tag = request.GET.get("tag", "").strip().lower()[:40]
    kind_filter = request.GET.get("type", "")
    items = LibraryItem.objects.filter(community=community).select_related("added_by")
    if query:
        from django.db.models import Q

        items = items.filter(Q(title__icontains=query) | Q(description__icontains=query) | Q(tags__icontains=query))
    if tag:
        from django.db.models import Q

        items = items.filter(Q(tags=tag) | Q(tags__startswith=f"{tag},") | Q(tags__endswith=f",{tag}")
                             | Q(tags__contains=f",{tag},"))
    if kind_filter in LibraryKind.values:
        items = items.filter(kind=kind_filter)
    else:
        kind_filter = ""
    page = paginate(request, items.order_by("-created_at", "-pk"))
    return render(request, "communities/library.html", _ctx(
        request, page=page, link_form=link_form, file_form=file_form, query=query, tag=tag, kind=kind_filter,
        kinds=LibraryKind.choices, query_string=urlencode({"q": query, "tag": tag, "type": kind_filter})))


@community_page(members_only=True, methods=("GET",))
def library_download(request, *, community, membership, item_id):
    from django.http import FileResponse

    from ..models import LibraryItem, LibraryKind

    item = LibraryItem.objects.filter(community=community, pk=item_id, kind=LibraryKind.FILE).first()
    if item is None or not item.file:
        raise Http404("No such file.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(handle, as_attachment=True, filename=item.original_name, content_type=item.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@community_page()
def library_delete(request, *, community, membership, item_id):
    from ..models import LibraryItem

    item = LibraryItem.objects.filter(community=community, pk=item_id).first()
    if item is None:
        raise Http404("No such item.")
    if not (request.can_convene or (membership is not None and item.added_by_id == request.user.pk)):
        raise PermissionDenied("Only the person who added it or a convener can remove it.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.library_item_delete(organisation=request.organisation, by=request.user, item=item)
    messages.success(request, f"“{item.title}” has been removed from the library.")
    return redirect("communities:library", org=request.organisation.slug, slug=community.slug)

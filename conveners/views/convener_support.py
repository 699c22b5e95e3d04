"""Support sessions and convener profiles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import ProfileForm, SearchForm, SupportForm
from ._common import ANY, STAFF, _form_errors_from, conveners_page


@conveners_page(role=STAFF)
def support(request, org, call):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.support_overview(call, query=query))
    return render(request, "conveners/support.html", {"call": call, "page": page, "form": form, "query": query})


@conveners_page(role=STAFF, application=ANY)
def application_support(request, org, call, application):
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_record(organisation=request.organisation, by=request.user, application=application,
                                    **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Support recorded.")
            return redirect("conveners:application_support", org=org, call=call.slug, application=application.pk)
    return render(request, "conveners/application_support.html", {
        "call": call, "application": application, "form": form,
        "page": paginate(request, application.support_sessions.all())})


@conveners_page(call=False)
def profile(request, org):
    from ..models import ConvenerProfile

    instance = ConvenerProfile.objects.filter(organisation=request.organisation, user=request.user).first()
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.convener_profile_save(organisation=request.organisation, by=request.user, **form.cleaned_data)
        messages.success(request, "Your answers are saved.")
        return redirect("conveners:profile", org=org)
    return render(request, "conveners/profile.html", {"form": form})


@conveners_page(role=STAFF, call=False)
def profiles(request, org):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.convener_profiles(request.organisation, query=query))
    return render(request, "conveners/profiles.html", {"page": page, "form": form, "query": query})

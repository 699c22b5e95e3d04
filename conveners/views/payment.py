"""Honoraria pages: payments, their steps and the finance export."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cop_platform.accounts.mfa import sensitive_action
from cop_platform.exports import csv_safe
from cop_platform.pagination import paginate

from .. import selectors, services
from ..forms import PaymentForm, SearchForm
from ..models import HonorariumPayment
from ._common import POST, STAFF, _messages_from, conveners_page


@conveners_page(role=STAFF)
def honoraria(request, org, call):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    payments, totals = selectors.honoraria(call)
    if query:
        payments = payments.filter(payee__icontains=query) | payments.filter(application__domain__icontains=query)
    return render(request, "conveners/honoraria.html", {
        "call": call, "page": paginate(request, payments), "totals": totals, "form": form, "query": query,
        "payment_form": PaymentForm()})


@conveners_page(role=STAFF, methods=POST)
@sensitive_action("changing a payment")
def payment_update(request, org, call, payment):
    payment = HonorariumPayment.objects.filter(call=call, pk=payment).first()
    if payment is None:
        raise Http404("No such payment.")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_advance(organisation=request.organisation, by=request.user, payment=payment,
                                     **form.cleaned_data)
            messages.success(request, f"Payment to {payment.payee} updated.")
        except ValidationError as exc:
            _messages_from(request, exc)
    else:
        messages.error(request, "Choose the payment's new status.")
    return redirect("conveners:honoraria", org=org, call=call.slug)


@conveners_page(role=STAFF)
def honoraria_csv(request, org, call):
    payments, totals = selectors.honoraria(call)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="honoraria-{call.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Domain", "Payee", "Lead or co-lead", "E-mail", "Sector", "Amount (pence)", "Amount (£)",
                     "Status", "Approved", "Claim received", "Paid", "Reference"])
    for p in payments:
        writer.writerow([csv_safe(v) for v in (
            p.application.domain, p.payee, "Lead" if p.lead.is_lead else "Co-lead", p.lead.email,
            p.lead.get_sector_display(), p.amount_pence, f"{p.amount_pence / 100:.2f}", p.get_status_display(),
            _date(p.approved_at), _date(p.claim_received_at), _date(p.paid_at), p.reference)])
    writer.writerow([])
    for label, key in (("Total approved", "total"), ("Paid", "paid"), ("Outstanding", "outstanding"),
                       ("Withheld (policy)", "withheld"), ("Awarded", "awarded")):
        writer.writerow([label, "", "", "", "", totals[key], f"{totals[key] / 100:.2f}"])
    return response


def _date(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""

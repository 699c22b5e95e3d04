"""Data migrations of the outbox."""

import importlib

from django.apps import apps
from django_scopes import scopes_disabled

from cop_platform.models import OutgoingEmail

forget = importlib.import_module("cop_platform.migrations.0004_outbox_forget_old_link_tokens")

TOKEN = "q8Xv1m3Jk2Lp9Zr4Tt6Yw0Bn5Cd7Ef8Gh1Ij2Kl3Mn"


def test_old_rows_forget_their_link_tokens_and_keep_the_rest(world):
    with scopes_disabled():
        old = OutgoingEmail.objects.create(
            organisation=world.a.organisation, key="old-confirmation", to="sponsor@example.org",
            subject="Please confirm",
            body_text=f"Confirm here: http://testserver/confirmations/{TOKEN}/\nThank you.",
            body_html=f'<a href="http://testserver/invitations/{TOKEN}/">Accept</a>')
        composed = OutgoingEmail.objects.create(
            organisation=world.a.organisation, key="composed", to="lead@example.org", subject="Please confirm",
            composer="conveners.confirmation", ref_id="1", body_text="")
        other = OutgoingEmail.objects.create(
            organisation=world.a.organisation, key="letter", to="lead@example.org", subject="Your application",
            body_text="See http://testserver/hin/calls/spring/ for details.")
        forget.forget_tokens(apps, None)
        old.refresh_from_db(), composed.refresh_from_db(), other.refresh_from_db()
    assert TOKEN not in old.body_text and TOKEN not in old.body_html
    assert old.body_text == "Confirm here: http://testserver/confirmations/…/\nThank you."
    assert old.body_html == '<a href="http://testserver/invitations/…/">Accept</a>'
    assert other.body_text == "See http://testserver/hin/calls/spring/ for details."
    assert composed.body_text == ""

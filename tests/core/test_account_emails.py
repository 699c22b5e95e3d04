"""allauth's own e-mails carry Convene's name and design, and links follow where the site is served."""

import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from cop_platform.accounts.models import User
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_password_reset_email_is_convenes_in_text_and_html(db, client, mailoutbox):
    UserFactory(email="nurse@example.org", first_name="Nia")
    client.post(reverse("account_reset_password"), {"email": "nurse@example.org"})
    (message,) = mailoutbox
    assert message.subject == "[Convene] Set your password"
    assert message.body.startswith("Hello Nia,")
    assert "://testserver/accounts/password/reset/key/" in message.body
    assert "Sent by Convene" in message.body
    assert "Hello from" not in message.body and "testserver!" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Choose my password" in html and "background: #005eb8" in html  # the design of our other e-mails
    assert 'href="https://testserver/accounts/password/reset/key/' in html


def test_a_reset_for_an_unknown_address_says_people_join_by_invitation(db, client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    (message,) = mailoutbox
    assert message.subject == "[Convene] No Convene account uses this address"
    assert "People join Convene by invitation" in message.body
    assert "/accounts/signup/" not in message.body  # sign-up is by invitation only


def test_confirmation_email_is_convenes(db, client, mailoutbox):
    User.objects.create_user("newly.added@example.org", "a-long-passphrase-1")
    client.post(reverse("account_login"), {"login": "newly.added@example.org", "password": "a-long-passphrase-1"})
    (message,) = mailoutbox
    assert message.subject == "[Convene] Confirm your e-mail address"
    assert "Please confirm that newly.added@example.org is your e-mail address for Convene" in message.body
    assert "://testserver/accounts/confirm-email/" in message.body
    assert "Confirm my e-mail address" in message.alternatives[0][0]


def _site_url(**env):
    import os

    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    environment.update(env)
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def test_site_url_follows_the_port_the_site_is_served_on():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8123") == "http://127.0.0.1:8123"
    assert _site_url(PORT="8123", SITE_URL="https://convene.example.org/") == "https://convene.example.org"


def test_make_passes_the_port_to_the_site():
    result = subprocess.run(["make", "-s", "--no-print-directory", "--eval",
                             "show-port: ; @echo $$PORT", "show-port", "PORT=8123"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "8123"
    result = subprocess.run(["make", "-s", "--no-print-directory", "--eval", "show-port: ; @echo $$PORT", "show-port"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "8000"

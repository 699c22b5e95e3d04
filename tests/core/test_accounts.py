import pytest
from django.urls import reverse

from cop_platform.accounts.models import User
from tests.factories import PASSWORD, UserFactory


def test_users_sign_in_with_their_email(db, client):
    UserFactory(email="nurse@example.org")
    response = client.post(reverse("account_login"), {"login": "nurse@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_email_is_case_insensitive_on_creation(db):
    user = User.objects.create_user("Mixed.Case@Example.ORG", "a-long-password")
    assert user.email == "mixed.case@example.org"


@pytest.mark.parametrize("login", ["", "not-an-email", "x" * 5000, "<script>alert(1)</script>@example.org"])
def test_malformed_login_is_a_form_error_not_a_500(db, client, login):
    response = client.post(reverse("account_login"), {"login": login, "password": "whatever"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body or "nhsuk-error-message" in body
    assert "<script>alert(1)</script>" not in body


def test_wrong_password_says_so(db, client):
    UserFactory(email="nurse@example.org")
    response = client.post(reverse("account_login"), {"login": "nurse@example.org", "password": "wrong-one"})
    assert response.status_code == 200
    assert b"not correct" in response.content


def test_open_signup_is_off_by_default(db, client):
    response = client.get(reverse("account_signup"))
    assert b"Sign Up Closed" in response.content or b"closed" in response.content.lower()
    client.post(reverse("account_signup"), {"email": "new@example.org", "password1": "a-long-pass-123",
                                            "password2": "a-long-pass-123"})
    assert not User.objects.filter(email="new@example.org").exists()


def test_signup_opens_for_a_session_that_carries_an_invitation(db, client):
    from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY

    session = client.session
    session[SIGNUP_ALLOWED_SESSION_KEY] = True
    session.save()
    response = client.get(reverse("account_signup"))
    assert b"password1" in response.content


def test_password_reset_sends_an_email(db, client, mailoutbox):
    UserFactory(email="nurse@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "nurse@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nurse@example.org"]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_unverified_email_must_be_confirmed_before_signing_in(db, client, mailoutbox):
    user = User.objects.create_user("fresh@example.org", PASSWORD)
    response = client.post(reverse("account_login"), {"login": "fresh@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert any("fresh@example.org" in m.to for m in mailoutbox)
    assert user.pk


def test_sign_out(db, client_for):
    client = client_for(UserFactory())
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_admin_login_goes_through_allauth(db, client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_refuses_non_staff(db, client_for):
    assert client_for(UserFactory()).get("/admin/").status_code in (302, 403)


def test_admin_works_for_platform_staff_across_tenants(world, client_for):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(staff)
    assert client.get("/admin/communities/community/").status_code == 200
    assert client.get(f"/admin/communities/community/{world.b.community.pk}/change/").status_code == 200


def test_signup_with_an_invitation_session_records_names(db, client, mailoutbox):
    from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY

    session = client.session
    session[SIGNUP_ALLOWED_SESSION_KEY] = True
    session.save()
    response = client.post(reverse("account_signup"), {
        "email": "newcomer@example.org", "password1": "a-long-pass-4821", "password2": "a-long-pass-4821",
        "first_name": "Nia", "last_name": "Adeyemi", "profession": "Midwife",
    })
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert (user.first_name, user.last_name, user.profession) == ("Nia", "Adeyemi", "Midwife")


def test_signup_without_a_name_says_what_is_missing(db, client):
    from cop_platform.accounts.adapter import SIGNUP_ALLOWED_SESSION_KEY

    session = client.session
    session[SIGNUP_ALLOWED_SESSION_KEY] = True
    session.save()
    response = client.post(reverse("account_signup"), {
        "email": "newcomer@example.org", "password1": "a-long-pass-4821", "password2": "a-long-pass-4821",
    })
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_a_person_edits_their_own_details(db, client_for):
    user = UserFactory(first_name="Old", last_name="Name")
    client = client_for(user)
    response = client.post("/accounts/profile/", {"first_name": "Ada", "last_name": "Quill",
                                                  "profession": "Midwife", "job_title": "<b>Lead</b>"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.profession) == ("Ada", "Quill", "Midwife")
    body = client.get("/accounts/profile/").content.decode()
    assert "<b>Lead</b>" not in body


def test_profile_needs_a_name(db, client_for):
    client = client_for(UserFactory(first_name="Kept"))
    response = client.post("/accounts/profile/", {"first_name": "", "last_name": ""})
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert User.objects.get(first_name="Kept")


def test_profile_needs_sign_in(db, client):
    assert client.get("/accounts/profile/").status_code == 302

"""The rules of open invitation links: each refusal, in the words the person reads."""

from datetime import UTC, datetime, timedelta

import pytest

from communities import rules_invite_links as rules

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=10)


def refusal(**overrides):
    values = {"active": True, "expires_at": LATER, "uses": 0, "max_uses": 2, "now": NOW, "allowed_domains": [],
              "confirmed_addresses": ["ana@example.org"]}
    values.update(overrides)
    return rules.join_refusal(**values)


def test_a_working_link_admits_someone_with_a_confirmed_address():
    assert refusal() is None


def test_a_switched_off_link_refuses():
    assert refusal(active=False) == rules.SWITCHED_OFF
    assert "switched off" in rules.SWITCHED_OFF


def test_an_expired_link_refuses_from_the_moment_it_expires():
    assert refusal(expires_at=NOW) == rules.EXPIRED
    assert refusal(expires_at=NOW - timedelta(seconds=1)) == rules.EXPIRED
    assert refusal(expires_at=NOW + timedelta(seconds=1)) is None


def test_a_link_refuses_after_its_maximum():
    assert refusal(uses=1, max_uses=2) is None
    assert refusal(uses=2, max_uses=2) == rules.USED_UP
    assert "as many people as it allows" in rules.USED_UP


def test_switched_off_is_said_before_expiry_and_places():
    assert refusal(active=False, expires_at=NOW, uses=2) == rules.SWITCHED_OFF


def test_a_wrong_domain_is_refused_naming_the_domains():
    reason = refusal(allowed_domains=["example.org"], confirmed_addresses=["ana@example.net"])
    assert reason == "This link is only for people with a confirmed e-mail address ending @example.org. Sign in " \
                     "with such an address, or ask the community's conveners for an invitation."
    two = refusal(allowed_domains=["example.org", "example.nhs.uk"], confirmed_addresses=["ana@example.net"])
    assert "@example.org or @example.nhs.uk" in two


def test_the_right_domain_or_a_subdomain_passes_and_a_lookalike_does_not():
    assert refusal(allowed_domains=["example.org"], confirmed_addresses=["Ana@EXAMPLE.org"]) is None
    assert refusal(allowed_domains=["nhs.uk"], confirmed_addresses=["ana@trust.nhs.uk"]) is None
    assert refusal(allowed_domains=["example.org"], confirmed_addresses=["ana@badexample.org"]) is not None
    assert refusal(allowed_domains=["example.org"], confirmed_addresses=["ana@example.org.evil.net"]) is not None


def test_any_confirmed_address_at_the_domain_will_do():
    assert refusal(allowed_domains=["example.org"],
                   confirmed_addresses=["ana@example.net", "ana@example.org"]) is None


def test_no_confirmed_address_is_refused():
    assert refusal(confirmed_addresses=[]) == rules.NO_CONFIRMED_ADDRESS


def test_already_a_member_or_asking_is_said_first():
    assert refusal(already_member=True, active=False) == rules.ALREADY_MEMBER
    assert refusal(already_asked=True) == rules.ALREADY_ASKED


def test_parse_domains_accepts_lists_and_drops_at_signs_and_repeats():
    assert rules.parse_domains("@Example.org, example.nhs.uk\nexample.org") == (["example.org", "example.nhs.uk"], [])
    assert rules.parse_domains("") == ([], [])


@pytest.mark.parametrize("text", ["not a domain", "<script>alert(1)</script>", "example", "a@b@c", "-x-.org",
                                  "x" * 300 + ".org"])
def test_parse_domains_reports_what_is_not_a_domain(text):
    domains, problems = rules.parse_domains(text)
    assert problems and all("is not an e-mail domain" in p for p in problems)


def test_parse_domains_refuses_too_many():
    _, problems = rules.parse_domains(" ".join(f"d{i}.example.org" for i in range(rules.MAX_DOMAINS + 1)))
    assert problems == [f"Limit the link to {rules.MAX_DOMAINS} domains or fewer."]


def test_limits_problems_each_in_words():
    assert rules.limits_problems(max_uses=2, expires_at=LATER, now=NOW) == {}
    assert "1 or more" in rules.limits_problems(max_uses=0, expires_at=LATER, now=NOW)["max_uses"]
    assert "up to 5,000" in rules.limits_problems(max_uses=5001, expires_at=LATER, now=NOW)["max_uses"]
    assert "cannot be lower" in rules.limits_problems(max_uses=2, expires_at=LATER, now=NOW, uses=3)["max_uses"]
    assert "in the future" in rules.limits_problems(max_uses=2, expires_at=NOW, now=NOW)["expires_on"]
    assert "up to a year" in rules.limits_problems(max_uses=2, expires_at=NOW + timedelta(days=400),
                                                   now=NOW)["expires_on"]
    assert "Enter the date" in rules.limits_problems(max_uses=2, expires_at=None, now=NOW)["expires_on"]

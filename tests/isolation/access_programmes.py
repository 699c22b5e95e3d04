"""Access table for the programmes app's tenant URLs (see tests/isolation/access.py)."""

from tests.isolation.access import COMMUNITY_MEMBERS

ACCESS = {
    # The lifecycle page reads like the other members-only pages; its forms are guarded within (the
    # check-in for those who run the community; the phase move and the Transform outcome (record and
    # withdraw, same URL, "action" outcome/withdraw) for conveners and host staff: tests/programmes/test_transform.py).
    "programmes:lifecycle": COMMUNITY_MEMBERS,
}

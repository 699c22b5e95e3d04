"""Every action the apps audit has words in the audit trail (no dotted names shown to people)."""

import re
from pathlib import Path

from cop_platform.audit import ACTION_LABELS, action_label

ROOT = Path(__file__).resolve().parents[2]
ACTION = re.compile(r"""action=(?:"([a-z_]+\.[a-z_.]+)"|\("([a-z_]+\.[a-z_.]+)")""")
MODERATION = re.compile(r'"(conversation\.[a-z_]+)"')


def _audited_actions():
    found = set()
    for app in ("cop_platform", "communities", "conveners", "programmes", "evaluation"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if "audit_record" not in text:
                continue
            found.update(a or b for a, b in ACTION.findall(text))
            found.update(MODERATION.findall(text))
    return found


def test_every_audited_action_has_words():
    actions = _audited_actions()
    assert "invite_link.created" in actions and "conversation.locked" in actions
    missing = sorted(a for a in actions if a not in ACTION_LABELS)
    assert missing == []


def test_the_words_are_what_the_trail_shows():
    assert action_label("conversation.post_hidden") == "Post hidden by the conveners"

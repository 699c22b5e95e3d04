"""Rows written before links were minted at send time kept the link's token in their body. The tokens are
dead (their hashes were replaced when the links were minted anew), but a table is no place for them:
replace each token with an ellipsis, keeping the rest of what was sent."""

import re

from django.db import migrations

LINK = re.compile(r"(/(?:confirmations|invitations)/)[A-Za-z0-9_\-]{16,}(/)")


def forget_tokens(apps, schema_editor):
    OutgoingEmail = apps.get_model("cop_platform", "OutgoingEmail")
    rows = OutgoingEmail.objects.filter(composer="").filter(
        body_text__regex=r"/(confirmations|invitations)/") | OutgoingEmail.objects.filter(
        composer="", body_html__regex=r"/(confirmations|invitations)/")
    for row in rows.iterator():
        text, html = LINK.sub(r"\1…\2", row.body_text), LINK.sub(r"\1…\2", row.body_html)
        if (text, html) != (row.body_text, row.body_html):
            OutgoingEmail.objects.filter(pk=row.pk).update(body_text=text, body_html=html)


class Migration(migrations.Migration):
    dependencies = [("cop_platform", "0003_outbox_retry_state")]

    operations = [migrations.RunPython(forget_tokens, migrations.RunPython.noop)]

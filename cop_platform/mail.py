"""The local e-mail outbox: each message written as one ``.eml`` file a person can open."""

import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class OutboxEmailBackend(BaseEmailBackend):
    """Writes every message to ``EMAIL_OUTBOX_DIR`` as ``<timestamp>-<id>.eml`` (RFC 5322)."""

    _lock = threading.Lock()

    def __init__(self, *args, directory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(directory or settings.EMAIL_OUTBOX_DIR)

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            with self._lock:
                path.write_bytes(message.message().as_bytes(linesep="\n"))
            sent += 1
        return sent

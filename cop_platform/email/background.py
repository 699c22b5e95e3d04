"""Handing queued e-mails to whoever sends them, after commit, in batches.

With a broker (production), each batch of up to :data:`BATCH_SIZE` rows is one
``cop_platform.tasks.send_outgoing_batch`` task. In the embedded default (no broker, tasks eager) the
request must not send them itself: a thread started after commit sends the batches one after another,
and the page shows their progress from the rows. Tests keep eager sending inside the request (it is
deterministic): ``CONVENE_EMAIL_SEND_IN_THREAD`` decides, and is off when ``TESTING`` is set.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.signals import request_finished
from django.db import connections, transaction

logger = logging.getLogger(__name__)

BATCH_SIZE = 100

_threads = []
_threads_lock = threading.Lock()


def batches(ids, size=BATCH_SIZE):
    ids = list(ids)
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def send_in_thread():
    """True when tasks run eagerly (no broker) and sending is to leave the request: the embedded default."""
    from cop_platform.celery import app

    default = not getattr(settings, "TESTING", False)
    return bool(app.conf.task_always_eager) and bool(getattr(settings, "CONVENE_EMAIL_SEND_IN_THREAD", default))


def email_batches_send_on_commit(organisation_id, email_ids):
    """After the current transaction commits, send ``email_ids`` (rows of one organisation) in batches:
    one task per batch on the broker, or one local thread for them all in the embedded default."""
    from cop_platform.tasks import enqueue_on_commit, send_outgoing_batch

    chunks = batches(email_ids)
    if not chunks:
        return
    if send_in_thread():
        transaction.on_commit(lambda: _start(organisation_id, chunks))
        return
    for chunk in chunks:
        enqueue_on_commit(send_outgoing_batch, organisation_id, chunk)


_request = threading.local()


@contextmanager
def email_sending_after_response():
    """In a view: e-mails queued inside this block that go to a local thread (the embedded default) start
    only once the response has been sent (``request_finished``), so their sending never slows the page."""
    _request.deferred = []
    try:
        yield
    finally:
        deferred, _request.deferred = _request.deferred, None
        if deferred:
            ident = threading.get_ident()

            def start(sender=None, **kwargs):
                if threading.get_ident() != ident:
                    return
                request_finished.disconnect(start, dispatch_uid=f"convene-email-{ident}")
                for args in deferred:
                    _start_now(*args)

            request_finished.connect(start, weak=False, dispatch_uid=f"convene-email-{ident}")


def _start(organisation_id, chunks):
    deferred = getattr(_request, "deferred", None)
    if deferred is not None:
        deferred.append((organisation_id, chunks))
        return
    _start_now(organisation_id, chunks)


def _start_now(organisation_id, chunks):
    thread = threading.Thread(target=_run, args=(organisation_id, chunks), name="convene-email", daemon=True)
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()]
        _threads.append(thread)
    thread.start()


def _run(organisation_id, chunks):
    from cop_platform.tasks import send_outgoing_batch

    try:
        for chunk in chunks:
            send_outgoing_batch.apply(args=(organisation_id, chunk))
    except Exception:  # the rows stay queued for the sweep
        logger.exception("Sending a batch of e-mails in the background failed")
    finally:
        connections.close_all()


def background_sends_wait(timeout=None):
    """Wait for the background threads sending e-mails to finish (tests, the bench). True if none is left."""
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(t.is_alive() for t in threads)

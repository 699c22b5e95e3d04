"""gunicorn settings (``gunicorn cop_platform.wsgi:application --config python:cop_platform.gunicorn``)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# No query strings in the access log: they may carry search terms about people.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")



# Paths whose next segment is a secret standing for a person: a calendar feed, an invitation, a confirmation
# link, an open invitation link, an unsubscribe link, a questionnaire's link.
SECRET_PATHS = ("calendar", "invitations", "confirmations", "programme-confirmations", "join", "unsubscribe",
                "questionnaires")


def redact(text):
    """``text`` (a path or a request line) with the secret of any link that stands for a person left out."""
    import re

    pattern = r"(^|[\s\"])/(" + "|".join(re.escape(p) for p in SECRET_PATHS) + r")/(?!continue/)[^/\s?\"]+"
    return re.sub(pattern, r"\1/\2/…", text)


def _redacting_logger():
    """gunicorn's logger with the secrets of personal links left out of the access log (the path alone
    opens a person's calendar, invitation or confirmation)."""
    from gunicorn.glogging import Logger

    class RedactingLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            for key in ("U", "r"):
                if isinstance(atoms.get(key), str):
                    atoms[key] = redact(atoms[key])
            return atoms

    return RedactingLogger


logger_class = _redacting_logger()

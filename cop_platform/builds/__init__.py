"""Files built in the background (PDFs, zips of PDFs): the builders apps register, and the services.

An app registers a builder in its ``AppConfig.ready()``::

    register_builder("conveners.application_dossier", label="Application dossier (PDF)",
                     target_type="conveners.application", build=build_dossier, allowed=may_have_dossier)

- ``allowed(tenant, user, target_id) -> bool`` says whether this person may ask for, watch and download the
  file about that record (it also answers ``False`` for a record that does not exist in the organisation);
  it is asked when the build is requested *and* again on every status and download request;
- ``build(build_row, progress) -> (filename, bytes, content_type)`` runs in the worker, inside the tenant
  scope; ``progress(percent, text)`` records how far it has got (the page shows it). It raises
  :class:`cop_platform.pdf.PdfError` (or :class:`BuildFailed`) with a reason a person can read.

:func:`build_request` writes the row and enqueues the one task after commit; the task
(``cop_platform.tasks.build_file``) claims the row by a conditional update and calls :func:`build_run`; a
periodic sweep re-enqueues rows still queued (a broker down at enqueue time loses nothing).
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from cop_platform.memo import Memo

__all__ = ["Builder", "BuildFailed", "builder_for", "checked_once", "page_checks", "register_builder",
           "subject_known"]


@dataclass(frozen=True)
class Builder:
    kind: str
    label: str
    target_type: str
    build: Callable
    allowed: Callable
    button: str = "Build PDF"


class BuildFailed(Exception):
    """A builder could not make its file; ``str(error)`` is the reason a person reads."""


_builders: dict[str, Builder] = {}


def register_builder(kind, *, build, allowed, label, target_type, button="Build PDF"):
    """Register (or replace) the builder ``kind`` ("app.what"). See the module for the two callables."""
    if not kind or "." not in kind or len(kind) > 80:
        raise ValueError(f"A builder's kind is 'app.what', at most 80 characters: {kind!r}")
    _builders[kind] = Builder(kind=kind, label=label, target_type=target_type, build=build, allowed=allowed,
                              button=button)


def builder_for(kind):
    """The registered builder, or ``None``."""
    return _builders.get(kind)


def builders():
    return dict(_builders)


# The answers of permission sub-checks ("is this community in the organisation", "does this person convene
# it") already known while one page draws its build boxes: several boxes about the same record ask them
# once, and a page that loaded the record itself says so (:func:`subject_known`) so no box asks at all.
_page_checks = Memo("build_page_checks")


def _checks_of(request):
    checks = getattr(request, "_build_checks", None)
    if checks is None:
        checks = request._build_checks = {}
    return checks


@contextmanager
def page_checks(request):
    """Within this block, :func:`checked_once` remembers its answers on ``request`` (one page's worth)."""
    with _page_checks.kept_in(_checks_of(request) if request is not None else None):
        yield


def checked_once(key, compute):
    """``compute()``, asked once per page while its build boxes are drawn (see :func:`page_checks`); asked
    every time anywhere else (the file's own pages, a worker), so a lost role is never remembered."""
    return _page_checks.get(key, compute)


def subject_known(request, key, answer):
    """A page that has just loaded (and checked) a record tells the build boxes the answer to ``key``."""
    _checks_of(request)[key] = bool(answer)

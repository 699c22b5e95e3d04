"""Services for the community library: checked uploads, links and tags."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ._common import _check_tenant

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# extension -> (content type, a check of the first bytes / the archive's contents)
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
OOXML_FOLDER = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def check_upload(uploaded):
    """Refuse a file that is too big, of a type we do not take, or whose content is not what its name says
    (sniffed from its first bytes). Returns ``(extension, content type)``."""
    import zipfile
    from pathlib import PurePath

    if uploaded is None:
        raise ValidationError({"file": "Choose a file to upload."})
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": "The file is larger than 10 MB."})
    if uploaded.size == 0:
        raise ValidationError({"file": "The file is empty."})
    ext = PurePath(uploaded.name or "").suffix.lower()
    if ext not in ALLOWED_UPLOADS:
        raise ValidationError({"file": "The file must be a PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV file."})
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    ok = {
        ".pdf": head.startswith(b"%PDF-"),
        ".png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        ".jpg": head.startswith(b"\xff\xd8\xff"),
        ".jpeg": head.startswith(b"\xff\xd8\xff"),
    }.get(ext)
    if ext in OOXML_FOLDER:
        ok = False
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(uploaded) as archive:
                    ok = any(name.startswith(OOXML_FOLDER[ext]) for name in archive.namelist())
            except zipfile.BadZipFile:
                ok = False
            uploaded.seek(0)
    if ext in (".txt", ".csv"):
        ok = b"\x00" not in head
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            ok = ok and exc.start > len(head) - 4  # a character cut at the end of the sample
    if not ok:
        raise ValidationError({"file": f"The file's content does not match a {ext} file."})
    return ext, ALLOWED_UPLOADS[ext]


def normalise_tags(text):
    tags = []
    for tag in (text or "").split(","):
        tag = " ".join(tag.strip().lower().split())[:40]
        if tag and tag not in tags:
            tags.append(tag)
    return ",".join(tags[:10])


@transaction.atomic
def library_item_add(*, organisation, by, community, title, description="", tags="", url="", uploaded=None):
    """Add a link or a file to the community's library (a member). Exactly one of ``url`` and ``uploaded``."""
    from ..models import LibraryItem, LibraryKind

    _check_tenant(organisation, community)
    item = LibraryItem(organisation=organisation, community=community, title=(title or "").strip(),
                       description=(description or "").strip(), tags=normalise_tags(tags), added_by=by)
    return save_link_or_file(item, url=url, uploaded=uploaded, link_kind=LibraryKind.LINK,
                             file_kind=LibraryKind.FILE, exclude=["organisation", "community", "added_by", "file"])


def save_link_or_file(record, *, url, uploaded, link_kind, file_kind, exclude):
    """Save ``record`` (a library item, a session's material: with ``kind``, ``url``, ``file``,
    ``content_type``, ``size`` and ``original_name``) as a link or an uploaded file — exactly one, the file
    checked by :func:`check_upload` — validated with ``full_clean(exclude=exclude)``; a file already stored
    is removed again if the row cannot be saved."""
    if bool(url) == bool(uploaded):
        raise ValidationError("Give either a web address or a file.")
    if url:
        if not url.lower().startswith(("https://", "http://")):
            raise ValidationError({"url": "Enter a web address starting with https://"})
        record.kind, record.url = link_kind, url
    else:
        ext, content_type = check_upload(uploaded)
        record.kind, record.content_type, record.size = file_kind, content_type, uploaded.size
        record.original_name = (uploaded.name or f"file{ext}")[-200:]
    record.full_clean(exclude=exclude)
    if uploaded:
        record.file.save(record.original_name, uploaded, save=False)
    try:
        record.save()
    except Exception:
        if record.file:
            record.file.delete(save=False)
        raise
    return record


@transaction.atomic
def library_item_delete(*, organisation, by, item):
    _check_tenant(organisation, item)
    stored = item.file.name if item.file else ""
    storage = item.file.storage if item.file else None
    item.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))

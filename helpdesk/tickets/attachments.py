"""Files attached to messages: checked, stored under instance/uploads with generated names."""

import mimetypes
import secrets
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from helpdesk.errors import Invalid
from helpdesk.tickets.models import Attachment, Message

FIELD = "attachments"
MAX_FILES = 5


def upload_folder() -> Path:
    """Where attachment files live: instance/uploads."""
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _size_of(upload: FileStorage) -> int:
    upload.stream.seek(0, 2)
    size = upload.stream.tell()
    upload.stream.seek(0)
    return size


def check(uploads: list[FileStorage]) -> list[FileStorage]:
    """The uploads that hold a file, after refusing a forbidden type or a file too large."""
    max_mb = current_app.config["ATTACHMENT_MAX_MB"]
    allowed = current_app.config["ATTACHMENT_TYPES"]
    chosen = [upload for upload in uploads if upload and upload.filename]
    if len(chosen) > MAX_FILES:
        raise Invalid(f"Attach at most {MAX_FILES} files to one message.", field=FIELD)
    for upload in chosen:
        extension = Path(upload.filename).suffix.lower().lstrip(".")
        if extension not in allowed:
            raise Invalid(
                f"{upload.filename}: this type of file is not accepted. "
                f"Allowed: {', '.join(allowed)}.",
                field=FIELD,
            )
        if _size_of(upload) > max_mb * 1024 * 1024:
            raise Invalid(f"{upload.filename} is larger than {max_mb} MB.", field=FIELD)
    return chosen


def store(uploads: list[FileStorage], message: Message) -> list[Path]:
    """Write the files and add their rows to the session; return the paths written, so the
    caller can remove them if the transaction fails."""
    written = []
    for upload in uploads:
        filename = secure_filename(upload.filename) or "attachment"
        stem, extension = Path(filename).stem, Path(filename).suffix.lower()
        filename = stem[:100] + extension[:20]
        stored_name = secrets.token_hex(16) + extension
        path = upload_folder() / stored_name
        upload.save(path)
        written.append(path)
        message.attachments.append(
            Attachment(
                ticket_id=message.ticket_id,
                filename=filename,
                stored_name=stored_name,
                content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
                size=path.stat().st_size,
            )
        )
    return written


def remove(paths: list[Path]) -> None:
    """Delete files written for a transaction that did not commit."""
    for path in paths:
        path.unlink(missing_ok=True)


def path_of(attachment: Attachment) -> Path:
    """The file on disk behind an attachment row."""
    return upload_folder() / attachment.stored_name

"""Reading the addresses to invite from pasted text or a CSV file."""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_CSV_BYTES = 1024 * 1024


ADDRESS_SPLIT = re.compile(r"[\n\r,;]+")
NAMED_ADDRESS = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>\s*$")


def parse_addresses(text):
    """Split a pasted list into ``(addresses, invalid)``. Accepts one address a line or separated by commas
    or semicolons, and ``Name <address>``. Addresses are lower-cased; the order is kept."""
    addresses, invalid = [], []
    for chunk in ADDRESS_SPLIT.split(text or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        match = NAMED_ADDRESS.match(chunk)
        email = (match.group("email") if match else chunk).strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            invalid.append(chunk[:100])
            continue
        addresses.append(email)
    return addresses, invalid


def parse_address_csv(uploaded):
    """Read addresses from an uploaded CSV: the first column holding an ``@`` in each row (a header row is
    skipped). Raises ValidationError for a file that is too big or not text."""
    if uploaded.size > MAX_CSV_BYTES:
        raise ValidationError("The CSV file is larger than 1 MB. Split it into smaller files.")
    name = (uploaded.name or "").lower()
    if not name.endswith((".csv", ".txt")):
        raise ValidationError("Upload a .csv file (a spreadsheet saved as CSV).")
    raw = uploaded.read()
    if b"\x00" in raw:
        raise ValidationError("That file is not a CSV file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValidationError("The CSV file could not be read as text.") from exc
    cells = []
    try:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if "@" in cell:
                    cells.append(cell)
                    break
    except csv.Error as exc:
        raise ValidationError("The CSV file could not be read.") from exc
    return parse_addresses("\n".join(cells))

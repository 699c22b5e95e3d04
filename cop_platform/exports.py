"""Helpers for files people download (CSV exports, XLSX workbooks).

One guard against formula injection for every cell, CSV or XLSX: :func:`csv_safe` (text starting with
``= + - @`` tab or carriage return gets a leading apostrophe). Numbers stay numbers. In a workbook every
text cell is also stored as text (never as a formula), so a spreadsheet has nothing to run either way.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet will not run as a formula (CSV injection): text starting with = + - @ tab or
    carriage return gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_safe(value):
    """The value a cell holds: numbers as they are (a number is never a formula), dates as ISO text,
    everything else as text through :func:`csv_safe`."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return csv_safe(value)


def csv_bytes(header, rows):
    """A UTF-8 CSV (with a byte-order mark, so spreadsheets read accents) of ``rows``, every cell guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_safe(h) for h in header])
    for row in rows:
        writer.writerow([cell_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets):
    """An XLSX workbook of ``sheets`` — ``[(title, header, rows)]`` — every cell guarded and every text
    cell stored as text, so no cell is ever a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for r, row in enumerate([header, *rows], start=1):
            for c, value in enumerate(row, start=1):
                safe = cell_safe(value)
                cell = sheet.cell(row=r, column=c)
                cell.value = safe
                if isinstance(safe, str):
                    cell.data_type = TYPE_STRING
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

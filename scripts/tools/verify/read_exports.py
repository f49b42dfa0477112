#!/usr/bin/env python3
"""
Reads a build's CSV exports back with Python's own csv module, as an analyst would, and checks each cell
against the data dictionary: no code is shared with the TypeScript that wrote them. Usage:

    python3 scripts/tools/verify/read_exports.py dist/exports dictionary.json

dictionary.json maps each file name to its columns, in order: {"file.csv": [{"name", "type", "empty"}, ...]}
(the tests write it from scripts/export/dictionary.ts). "empty" is how a cell of the column may be empty:
"never", "flagged" (then its "hiddenBy" flag is true or its "explainedBy" column names it) or "allowed".

Prints one JSON object: {"files": {name: [row, ...]}, "problems": [...]}, each row a list of typed cells
(int, float, bool, str, or null for an empty cell). Exits 1 when there is any problem.
"""
import csv
import json
import re
import sys
from datetime import date

INTEGER = re.compile(r"-?(0|[1-9]\d*)")
# A non-whole number never ends in 0 after its point, and a whole one has no point: 23, 23.5, never 23.0.
DECIMAL = re.compile(r"-?(0|[1-9]\d*)(\.\d*[1-9])?")


def typed(text, kind):
    """The cell as its type, or raises ValueError saying why not."""
    if kind == "text":
        return text
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not true or false")
        return text == "true"
    if kind == "month":
        if not re.fullmatch(r"\d{4}-\d{2}", text):
            raise ValueError("not YYYY-MM")
        date.fromisoformat(text + "-01")
        return text
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("not YYYY-MM-DD")
        date.fromisoformat(text)
        return text
    if kind == "integer":
        if not INTEGER.fullmatch(text):
            raise ValueError("not a whole number written as one")
        return int(text)
    if not DECIMAL.fullmatch(text):
        raise ValueError("not a number as a spreadsheet reads it (a whole one without a decimal point)")
    decimals = len(text.split(".")[1]) if "." in text else 0
    if kind == "decimal" and decimals > 1:
        raise ValueError("more than one decimal")
    if kind in ("rate", "number") and decimals > 4:
        raise ValueError("more than four decimals")
    value = float(text) if decimals else int(text)
    if kind == "rate" and not 0 <= value <= 1:
        raise ValueError("a rate outside 0..1")
    return value


def read(path, columns, problems):
    name = path.rsplit("/", 1)[-1]
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("\ufeff"):
        problems.append(f"{name}: no byte-order mark")
    text = text.lstrip("\ufeff")
    if "\r\n" not in text:
        problems.append(f"{name}: lines do not end with CRLF")
    records = list(csv.reader(text.splitlines(keepends=True), strict=True))
    header, body = records[0], records[1:]
    names = [c["name"] for c in columns]
    if header != names:
        problems.append(f"{name}: header {header} is not the dictionary's {names}")
        return []
    kinds = {c["name"]: c for c in columns}
    rows = []
    for line, record in enumerate(body, start=2):
        if len(record) != len(header):
            problems.append(f"{name}, line {line}: {len(record)} cells for {len(header)} columns")
            continue
        cells = dict(zip(header, record))
        row = []
        for column, cell in zip(header, record):
            doc = kinds[column]
            if cell == "":
                row.append(None)
                empty = doc["empty"]
                if empty == "never":
                    problems.append(f"{name}, line {line}, column {column}: empty, which the dictionary does not allow")
                elif empty == "flagged":
                    flagged = doc.get("hiddenBy") and cells.get(doc["hiddenBy"]) == "true"
                    reason = cells.get(doc.get("explainedBy") or "", "")
                    explained = re.search(rf"(^|[ ;,]){re.escape(column)}[,:]", reason) is not None
                    if not (flagged or explained):
                        problems.append(
                            f"{name}, line {line}, column {column}: empty, but neither hidden nor explained"
                        )
                continue
            try:
                row.append(typed(cell, doc["type"]))
            except ValueError as error:
                problems.append(f"{name}, line {line}, column {column}: {error}")
                row.append(None)
        rows.append(row)
    return rows


def main(exports_dir, dictionary_path):
    with open(dictionary_path, encoding="utf-8") as f:
        dictionary = json.load(f)
    problems, files = [], {}
    for name, columns in sorted(dictionary.items()):
        files[name] = read(f"{exports_dir}/{name}", columns, problems)
    json.dump({"files": files, "problems": problems}, sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

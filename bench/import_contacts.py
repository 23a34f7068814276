"""Importing 10,000 contacts (an Outlook CSV) into a demo and a 100k-people database.

    python -m bench.import_contacts [--contacts 10000] [--people 100000]

The CSV is generated deterministically (same bytes every run): 92 Outlook columns, 600
companies, 5 % of rows repeating an earlier row's e-mail in other case, and 300 rows
copying people already in the target database, so the duplicate checks have work to do.
Each database is a copy in a temporary folder. Printed: preview (read, check, classify
against the whole directory), commit (one transaction), total; then the re-import of the
same file, the undo, and ``find_duplicate_pairs`` on the large database.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.models import Person
from app.models.database import open_database
from app.services.contacts import preview_import, run_import, undo_import
from app.services.demo_data import load_demo_data
from app.services.duplicates import find_duplicate_pairs
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
_OUTLOOK_COLUMNS = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,"
    "Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,"
    "Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,"
    "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,"
    "Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,"
    "Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,"
    "Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,"
    "Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,"
    "E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,Initials,"
    "Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,"
    "Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,"
    "Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page"
)
OUTLOOK_HEADER = tuple(_OUTLOOK_COLUMNS.split(","))
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jamal",
         "Kofi", "Lena", "Marco", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
         "Uma", "Víctor", "Wen", "Ximena", "Yusuf", "Zoë"]
LAST = ["Abara", "Becker", "Castillo", "Dubois", "Eriksen", "Fujita", "García", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "López", "Mensah", "Nakamura", "O'Neil", "Petrov",
        "Quispe", "Rossi", "Schmidt", "Tanaka", "Úlfarsson", "Varga", "Walsh", "Xu", "Yilmaz",
        "Zhang"]
KINDS = ["Youth Center", "Food Bank", "High School", "Community Clinic", "Block Watch",
         "Tenants Union", "Rotary Club", "Library", "Shelter", "Market"]
SUFFIXES = ["", "son", "ova", "-Ruiz", "man", "ley", "ton", "er", "ski", "ez", "ini", "sen",
            "ford", "berg", "wood"]
TITLES = ["Director", "Coordinator", "Volunteer", "Principal", "Officer", "Case Manager", ""]


def column(name: str) -> int:
    return OUTLOOK_HEADER.index(name)


def write_csv(path: Path, contacts: int, existing: list[tuple[str, str, str]]) -> None:
    rng = random.Random(20240611)
    companies = [f"{rng.choice(LAST)} {rng.choice(KINDS)} {n}" for n in range(600)]
    rows: list[list[str]] = []
    for i in range(contacts):
        row = [""] * len(OUTLOOK_HEADER)
        if i < len(existing):
            first, last, email = existing[i]
        elif i % 20 == 19 and rows:  # the same person again, e-mail in other case
            earlier = rows[rng.randrange(len(rows))]
            first, last = earlier[column("First Name")], earlier[column("Last Name")]
            email = earlier[column("E-mail Address")].upper()
        else:  # every (first, last) pair once, as in a real address book
            first = FIRST[i % len(FIRST)]
            last = LAST[(i // len(FIRST)) % len(LAST)] + SUFFIXES[i // (len(FIRST) * len(LAST))]
            email = f"{first[0]}.{last}.{i}@partners{i % 97}.example".lower().replace("'", "")
        row[column("First Name")] = first
        row[column("Last Name")] = last
        row[column("E-mail Address")] = email
        row[column("Company")] = rng.choice(companies)
        row[column("Job Title")] = rng.choice(TITLES)
        row[column("Business Phone")] = f"(555) {rng.randrange(200, 999)}-{i % 10000:04d}"
        row[column("Mobile Phone")] = f"555-{rng.randrange(200, 999)}-{(i * 7) % 10000:04d}"
        row[column("Notes")] = "Met at the spring\nsafety fair" if i % 10 == 0 else ""
        row[column("Birthday")] = "0/0/00"
        rows.append(row)
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(OUTLOOK_HEADER)
        writer.writerows(rows)


def existing_people(ws: Workspace, count: int) -> list[tuple[str, str, str]]:
    with ws.read() as session:
        query = select(Person.first_name, Person.last_name, Person.email).order_by(Person.id)
        return [tuple(r) for r in session.execute(query.limit(count))]  # type: ignore[misc]


def measure(label: str, db_path: Path, contacts: int, workdir: Path, pairs: bool) -> None:
    ws = Workspace(open_database(db_path))
    try:
        csv_path = workdir / f"contacts-{label}.csv"
        write_csv(csv_path, contacts, existing_people(ws, 300))
        start = time.perf_counter()
        preview = preview_import(ws, csv_path)
        previewed = time.perf_counter()
        result = run_import(ws, preview)
        committed = time.perf_counter()
        print(f"{label}: {len(preview.rows):,} rows ({preview.layout}); "
              f"new {preview.new_count:,}, duplicates {preview.duplicate_count:,}, "
              f"errors {preview.error_count:,}; added {result.people_added:,} people, "
              f"{result.organizations_added:,} organizations")
        print(f"  preview {previewed - start:.2f} s, commit {committed - previewed:.2f} s, "
              f"total {committed - start:.2f} s")
        again = time.perf_counter()
        second = run_import(ws, preview_import(ws, csv_path))
        print(f"  same file again: {second.people_added} added in "
              f"{time.perf_counter() - again:.2f} s")
        assert result.batch_id is not None
        undo_start = time.perf_counter()
        undone = undo_import(ws, result.batch_id)
        print(f"  undo: {undone.people_removed:,} people, {undone.organizations_removed} "
              f"organizations removed in {time.perf_counter() - undo_start:.2f} s")
        if pairs:
            for kind in ("people", "organizations"):
                t = time.perf_counter()
                found = find_duplicate_pairs(ws, kind)  # type: ignore[arg-type]
                print(f"  find_duplicate_pairs({kind}): {len(found)} pairs in "
                      f"{time.perf_counter() - t:.2f} s")
    finally:
        ws.close()


def large_database(people: int) -> Path:
    path = ROOT / "bench" / "out" / f"people-{people}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "bench.make_db", str(path), "--people",
                        str(people)], check=True, cwd=ROOT)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdesk-bench-import-") as tmp:
        workdir = Path(tmp)
        demo = workdir / "demo.sqlite"
        db = open_database(demo)
        load_demo_data(db)
        db.close()
        measure("demo database", demo, args.contacts, workdir, pairs=False)
        large = workdir / "large.sqlite"
        shutil.copyfile(large_database(args.people), large)
        measure(f"{args.people:,}-people database", large, args.contacts, workdir, pairs=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

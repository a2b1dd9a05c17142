"""The term-start fact check: make a checklist (A4 PDF and spreadsheet) of every fact, and record a completed check.

    python scripts/fact_checklist.py make [--edition NAME] [--out DIR]
    python scripts/fact_checklist.py record FILLED.csv --by "bostadsvägledare AB" [--date YYYY-MM-DD]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import (  # noqa: E402
    DATA, DEFAULT_LANG, PROJECT, DataError, check_role, field_line, kind_problem, last_checks, load_edition,
    load_fact_checks,
    load_facts, read_front_matter, WHOLE_NUMBER_KINDS,
)

COLUMNS = ["fact", "value", "kind", "source", "used_on", "last_checked_by_person", "ok", "new_value", "comment"]
YES = {"x", "ja", "yes", "ok", "✓", "✔"}
SV = PROJECT / "docs" / DEFAULT_LANG


def used_on(key: str) -> list[str]:
    """Return the titles of the Swedish pages that use a fact."""
    pages = [p for p in sorted(SV.rglob("*.md")) if re.search(r"fact\." + key + r"\b", p.read_text("utf-8"))]
    return [f"{read_front_matter(p).get('title', p.stem)} ({p.relative_to(SV)})" for p in pages]


def rows() -> list[dict]:
    """Return one checklist row per fact, in the order of data/facts.yml."""
    facts = load_facts()
    latest = last_checks(facts, load_fact_checks(facts=facts))
    return [{"fact": key, "value": fact["value"], "kind": fact["kind"], "source": fact["source"],
             "used_on": "; ".join(used_on(key)),
             "last_checked_by_person": f"{latest[key]['date']} ({latest[key]['by']})" if latest[key] else "never",
             "ok": "", "new_value": "", "comment": ""} for key, fact in facts.items()]


def write_csv(table: list[dict], target: Path) -> None:
    """Write the checklist as a spreadsheet file: UTF-8 with a byte-order mark, semicolons (Swedish Excel, LibreOffice)."""
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(table)


def write_pdf(table: list[dict], edition: dict, target: Path) -> None:
    """Write the checklist as an A4 landscape PDF with a box to tick and a line for a new value per fact."""
    from weasyprint import HTML  # noqa: PLC0415 (only this command needs it)

    name = edition["district"]["name"]
    name = name if isinstance(name, str) else name[DEFAULT_LANG]

    body = "".join(
        f"<tr><td><b>{escape(r['fact'])}</b></td><td>{escape(str(r['value']))}</td><td>{escape(r['kind'])}</td>"
        f"<td class='url'>{escape(r['source'])}</td><td class='small'>{escape(r['used_on'])}</td>"
        f"<td>{escape(r['last_checked_by_person'])}</td><td class='box'>☐</td><td class='line'></td></tr>" for r in table)
    html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
      @page {{ size: A4 landscape; margin: 12mm; @bottom-right {{ content: "Sida " counter(page) " / " counter(pages); font-size: 8pt; }} }}
      body {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8pt; }}
      table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 0.5pt solid #555; padding: 2pt 3pt; vertical-align: top; }}
      th {{ background: #e6eef0; text-align: left; }} thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
      .url {{ word-break: break-all; width: 22%; }} .small {{ font-size: 7pt; width: 24%; }} .box {{ font-size: 14pt; text-align: center; }}
      .line {{ width: 12%; }}</style></head><body>
      <h1>Faktakontroll inför terminen – {escape(str(name))}</h1>
      <p>Öppna varje källa på webbplatsen (inte en sparad kopia). Kryssa i OK om värdet stämmer, skriv annars det nya värdet.
      Kontrollerad av (roll eller initialer): ____________________ Datum: ______________</p>
      <table><thead><tr><th>Uppgift</th><th>Värde</th><th>Slag</th><th>Källa</th><th>Används på</th>
      <th>Senast kontrollerad av en person</th><th>OK</th><th>Nytt värde</th></tr></thead><tbody>{body}</tbody></table>
      </body></html>"""
    HTML(string=html).write_pdf(target)


def make(edition_name: str | None, out: Path) -> list[Path]:
    """Write the checklist for an edition as PDF and spreadsheet; return the two files."""
    edition = load_edition(edition_name)
    out.mkdir(parents=True, exist_ok=True)
    table = rows()
    csv_path, pdf_path = out / f"faktakontroll-{edition['path'].stem}.csv", out / f"faktakontroll-{edition['path'].stem}.pdf"
    write_csv(table, csv_path)
    write_pdf(table, edition, pdf_path)
    return [csv_path, pdf_path]


def parsed_value(kind: str, text: str):
    """Return a new value typed as its kind (whole numbers as int)."""
    return int(text) if kind in WHOLE_NUMBER_KINDS and re.fullmatch(r"\d+", text) else text


def record(filled: Path, by: str, when: date, facts_path: Path = DATA / "facts.yml",
           checks_path: Path = DATA / "fact-checks.yml") -> dict:
    """Record a completed check: facts ticked or given a new value count as checked; new values replace old ones."""
    check_role(by)
    facts = load_facts(facts_path)
    text = facts_path.read_text("utf-8")
    covered, changed = [], {}
    with filled.open(encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter=";"), start=2):
            key, new = row["fact"].strip(), (row.get("new_value") or "").strip()
            if key not in facts:
                raise DataError(f"{filled}:{n}: unknown fact '{key}'. Make a new checklist with `make fact-checklist`.")
            if (row.get("ok") or "").strip().lower() not in YES and not new:
                continue
            covered.append(key)
            if new and str(parsed_value(facts[key]["kind"], new)) != str(facts[key]["value"]):
                value = parsed_value(facts[key]["kind"], new)
                problem = kind_problem(facts[key]["kind"], value)
                if problem:
                    raise DataError(f"{filled}:{n}: new value for '{key}' must be {problem}.")
                changed[key] = value
    lines = text.split("\n")
    for key in covered:
        set_field(lines, text, key, "read", when.strftime("%Y-%m"))
        set_field(lines, text, key, "read_from", "live page")
        if key in changed:
            set_field(lines, text, key, "value", changed[key] if isinstance(changed[key], int) else f'"{changed[key]}"')
    facts_path.write_text("\n".join(lines), "utf-8")
    load_facts(facts_path)  # the result must still be valid
    entry = {"by": by, "date": when, "facts": "all" if set(covered) == set(facts) else covered, "changed": changed}
    append_check(checks_path, entry)
    return entry


def set_field(lines: list[str], text: str, key: str, field: str, value) -> None:
    """Replace one field's line of a fact in the lines of data/facts.yml."""
    i = field_line(text, key, field) - 1
    lines[i] = f"  {field}: {value}"


def append_check(path: Path, entry: dict) -> None:
    """Append a check to data/fact-checks.yml as readable YAML."""
    text = path.read_text("utf-8").rstrip("\n")
    text = re.sub(r"^checks: \[\]$", "checks:", text, flags=re.M)
    facts = "all" if entry["facts"] == "all" else "[" + ", ".join(entry["facts"]) + "]"
    block = f'\n  - by: "{entry["by"]}"\n    date: {entry["date"].isoformat()}\n    facts: {facts}\n'
    if entry["changed"]:
        block += "    changed:\n" + "".join(f"      {k}: {v!r}\n".replace("'", '"') for k, v in entry["changed"].items())
    path.write_text(text + block, "utf-8")


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("make", help="write the checklist (PDF and spreadsheet)")
    mk.add_argument("--edition")
    mk.add_argument("--out", type=Path, default=PROJECT / "build" / "fact-checklist")
    rec = sub.add_parser("record", help="record a completed checklist")
    rec.add_argument("filled", type=Path)
    rec.add_argument("--by", required=True, help="a role, or a role and initials")
    rec.add_argument("--date", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    try:
        if args.command == "make":
            for path in make(args.edition, args.out):
                print(path)
        else:
            entry = record(args.filled, args.by, args.date)
            print(f"Recorded a check by {entry['by']} on {entry['date']}: {len(entry['facts']) if entry['facts'] != 'all' else 'all'} "
                  f"facts, {len(entry['changed'])} new values. Rebuild with `make site`.")
    except DataError as e:
        sys.exit(str(e))


if __name__ == "__main__":
    main()

"""List every page per language as up to date, outdated or missing; --stamp records a translation's source version."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.project import DEFAULT_LANG, LANGS, PROJECT, DataError, stamp, status_table  # noqa: E402


def main() -> int:
    """Print the status table, or stamp the given translated pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=Path, default=PROJECT / "docs", help="docs folder (default: docs/)")
    parser.add_argument("--stamp", nargs="+", metavar="PAGE", type=Path,
                        help="translated pages (docs/<lang>/…) to mark as translating today's Swedish source")
    args = parser.parse_args()
    try:
        if args.stamp:
            for page in args.stamp:
                rel = page.resolve().relative_to(args.docs.resolve())
                source = args.docs / DEFAULT_LANG / Path(*rel.parts[1:])
                stamp(page, source)
                print(f"stamped {page}")
            return 0
        table = status_table(args.docs)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    langs = LANGS[1:]
    print("page".ljust(44) + "".join(l.ljust(12) for l in langs))
    for rel, row in sorted(table.items()):
        print(rel.ljust(44) + "".join((row[l].state if l in row else "–").ljust(12) for l in langs))
    counts = {l: sum(1 for row in table.values() if row.get(l) and row[l].state == "up-to-date") for l in langs}
    print("up to date".ljust(44) + "".join(f"{counts[l]}/{sum(1 for r in table.values() if l in r)}".ljust(12) for l in langs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

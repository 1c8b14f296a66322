"""The ``cchc`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cchc`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = argparse.ArgumentParser(prog="cchc", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="run the library on its bundled seed examples")
    args = parser.parse_args(argv)
    if args.command == "demo":
        sys.stdout.write("cchc demo\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

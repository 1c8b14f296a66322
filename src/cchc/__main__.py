"""``python -m cchc``: the ``cchc`` command (see :mod:`cchc.cli`)."""

from cchc.cli import main

raise SystemExit(main())

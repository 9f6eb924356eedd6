"""``python -m cofacilitator`` behaves exactly like the ``cofacilitator`` command."""

from cofacilitator.cli import main

raise SystemExit(main())

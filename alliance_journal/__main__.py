"""`python -m alliance_journal` behaves exactly like the `alliance-journal` command."""

from alliance_journal.launcher import main

raise SystemExit(main())

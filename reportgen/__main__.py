"""`python -m reportgen`: the command line."""

from reportgen.cli.commands import main

raise SystemExit(main())

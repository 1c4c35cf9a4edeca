"""The one-folder bundle's program: reportgen's command line (see packaging/reportgen.spec)."""

import sys

from reportgen.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())

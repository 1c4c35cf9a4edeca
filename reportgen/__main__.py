from reportgen.cli.commands import main

raise SystemExit(main())

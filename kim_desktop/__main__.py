from kim_desktop.cli import main

raise SystemExit(main())

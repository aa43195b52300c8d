"""``python -m newsbrief`` runs the CLI."""

import sys

from newsbrief.cli import main

sys.exit(main())

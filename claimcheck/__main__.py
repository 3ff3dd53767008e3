"""``python -m claimcheck`` is the ``claimcheck`` command."""
import sys

from .cli import main

sys.exit(main())

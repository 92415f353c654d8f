"""``python -m normengine``."""

import sys

from .cli import main

sys.exit(main())

"""``python -m assistant`` runs the same CLI as ``policyqa``."""

from __future__ import annotations

import sys

from assistant.interfaces.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m assistant`` runs the same CLI as ``policyqa``."""

from __future__ import annotations

from assistant.interfaces.cli import main_exit

if __name__ == "__main__":
    main_exit()

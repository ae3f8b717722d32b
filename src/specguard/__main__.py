import sys

from specguard.cli.entry import entry

sys.exit(entry())

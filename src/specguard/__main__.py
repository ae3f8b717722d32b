import sys

from specguard.runcheck import entry

sys.exit(entry())

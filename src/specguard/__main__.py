import sys

from specguard.cli.entry import entry, tune_gc

tune_gc()
sys.exit(entry())

"""The compiled state in ``generated/``: snapshot, checksums, crash-safe writes, integrity, compile.

Only the light modules are imported here; ``compile`` pulls in the diff and emit stages when run.
"""

from specguard.compiler.store.checksums import SumFile, build_sum, parse_sum, read_sum
from specguard.compiler.store.integrity import check_generated, check_history
from specguard.compiler.store.snapshot import AcceptedFinding, catalog_from_json, catalog_to_json, load_state

__all__ = [
    "AcceptedFinding",
    "SumFile",
    "build_sum",
    "catalog_from_json",
    "catalog_to_json",
    "check_generated",
    "check_history",
    "load_state",
    "parse_sum",
    "read_sum",
]

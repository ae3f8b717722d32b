"""Whether every document one JSON Schema accepts is accepted by another: config compatibility.

The writing schema becomes a :class:`~.model.Model` (``normalize``), goes through the upgrade steps
and defaults of each version it is carried to (``transform``), and is compared with the reading
schema keyword by keyword (``check``, with ``scalars``, ``arrays``, ``objects`` and ``disjoint``).
Whatever cannot be proven safe is a reason; ``witness`` then looks for a document that shows it,
and ``modes`` runs the pairs a compatibility mode asks for.
"""

from specguard.compiler.diff.schemacompat.defaults import changed_defaults
from specguard.compiler.diff.schemacompat.modes import MODES, Finding, judge_version
from specguard.compiler.diff.schemacompat.refs import RefError, check_refs

__all__ = ["MODES", "Finding", "RefError", "changed_defaults", "check_refs", "judge_version"]

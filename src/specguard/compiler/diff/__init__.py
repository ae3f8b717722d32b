"""diff: compare two IR catalogs into typed change operations (see ``compare.diff``)."""

from specguard.compiler.diff.compare import diff
from specguard.compiler.diff.typechange import TypeChange, classify_type_change

__all__ = ["diff", "TypeChange", "classify_type_change"]

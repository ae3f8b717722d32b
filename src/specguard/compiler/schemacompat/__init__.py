"""Whether every document one JSON Schema accepts is accepted by another: config compatibility.

The writing schema becomes a :class:`~.model.Model` (``normalize``), goes through the upgrade steps
and defaults of each version it is carried to (``transform``), and is compared with the reading
schema keyword by keyword (``check``, with ``scalars``, ``arrays``, ``objects`` and ``disjoint``).
Whatever cannot be proven safe is a reason; ``witness`` then looks for a document that shows it,
and ``modes`` runs the pairs a compatibility mode asks for. ``refs`` (references, and the one
module the load path imports) has no heavy import; import the submodule you need.
"""

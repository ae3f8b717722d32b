"""store: reading and writing ``generated/`` only (layout, snapshot, checksums, atomic writes, the
integrity of released files). It never diffs, judges or emits: the pipeline does, and hands it files.
"""

"""Changes to versioned config schemas. Targets are ``<config>@<version>``, e.g. ``personality_config@2``.

A version present in the compiled state is released: the rules refuse any change to it, and its
removal needs an acceptance. None of these operations is SQL by itself; the config stage of emit
turns added versions into validators, upgraders and document backfills.
"""

from __future__ import annotations

from dataclasses import dataclass

from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.ir.ops.base import Op


def config_target(c: ConfigVersion) -> str:
    return f"{c.name}@{c.version}"


@dataclass(frozen=True)
class AddConfigVersion(Op):
    config: ConfigVersion
    produces_sql = False

    target = property(lambda self: config_target(self.config))
    span = property(lambda self: self.config.span)


@dataclass(frozen=True)
class RemoveConfigVersion(Op):
    config: ConfigVersion  # as released: read from the compiled state, so it has no span
    produces_sql = False

    target = property(lambda self: config_target(self.config))
    span = property(lambda self: self.config.span)


@dataclass(frozen=True)
class ChangeConfigVersion(Op):
    """A released version whose schema or upgrade steps differ from what was compiled."""

    old: ConfigVersion
    new: ConfigVersion
    produces_sql = False

    target = property(lambda self: config_target(self.new))
    span = property(lambda self: self.new.span)

    def describe(self) -> str:
        return f"edit released config version {self.target}"

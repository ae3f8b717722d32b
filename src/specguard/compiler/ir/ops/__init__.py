"""Typed change operations: what ``diff(old, new)`` returns and what emit and rules consume.

Every operation is a frozen dataclass carrying the IR objects that emit needs (old and new where
both exist), a stable ``target`` (the name a user writes in ``--accept CODE:TARGET``) and the
``span`` of the new object, else the old one, for diagnostics. Table-scoped operations carry the
table's name in the *new* catalog: renames come first in every migration, so later statements
always see new names. One module per object kind: ``schema`` (what PostgreSQL holds), ``metadata``
(what specguard records about tables), ``configs`` and ``cache``.
"""

from specguard.compiler.ir.ops.base import Op
from specguard.compiler.ir.ops.cache import (
    AddCachePolicy,
    ChangeCacheChunking,
    ChangeCacheCritical,
    ChangeCacheInvalidation,
    ChangeCacheKey,
    ChangeCacheModel,
    ChangeCacheTtl,
    DropCachePolicy,
    cache_target,
)
from specguard.compiler.ir.ops.configs import (
    AddConfigVersion,
    ChangeConfigVersion,
    RemoveConfigVersion,
    UpgradeConfigDocuments,
    config_target,
)
from specguard.compiler.ir.ops.metadata import (
    ChangeColumnConfig,
    ChangeColumnDeprecation,
    ChangeTableCritical,
    ReorderColumns,
)
from specguard.compiler.ir.ops.schema import (
    AddCheck,
    AddColumn,
    AddEnumValue,
    AddForeignKey,
    AddPrimaryKey,
    AddUnique,
    AlterColumnType,
    ChangeForeignKey,
    ChangeIndex,
    ChangePrimaryKey,
    CreateEnum,
    CreateIndex,
    CreateTable,
    DropCheck,
    DropColumn,
    DropDefault,
    DropEnum,
    DropForeignKey,
    DropIndex,
    DropNotNull,
    DropPrimaryKey,
    DropTable,
    DropUnique,
    RecreateEnum,
    RenameColumn,
    RenameConstraint,
    RenameEnum,
    RenameIndex,
    RenameTable,
    SetDefault,
    SetNotNull,
)

SCHEMA_OPS: tuple[type[Op], ...] = (
    CreateEnum, DropEnum, RenameEnum, AddEnumValue, RecreateEnum,
    CreateTable, DropTable, RenameTable,
    AddColumn, DropColumn, RenameColumn, AlterColumnType, SetNotNull, DropNotNull, SetDefault, DropDefault,
    AddPrimaryKey, DropPrimaryKey, AddForeignKey, DropForeignKey, AddUnique, DropUnique, AddCheck, DropCheck,
    CreateIndex, DropIndex, RenameIndex, RenameConstraint,
    ChangePrimaryKey, ChangeIndex, ChangeForeignKey,
    UpgradeConfigDocuments,
)  # fmt: skip
RECORD_OPS: tuple[type[Op], ...] = (
    ChangeTableCritical, ReorderColumns, ChangeColumnConfig, ChangeColumnDeprecation,
    AddConfigVersion, RemoveConfigVersion, ChangeConfigVersion,
    AddCachePolicy, DropCachePolicy, ChangeCacheModel, ChangeCacheKey, ChangeCacheTtl, ChangeCacheCritical,
    ChangeCacheInvalidation, ChangeCacheChunking,
)  # fmt: skip
ALL_OPS: tuple[type[Op], ...] = SCHEMA_OPS + RECORD_OPS

__all__ = [t.__name__ for t in ALL_OPS] + [
    "ALL_OPS", "RECORD_OPS", "SCHEMA_OPS", "Op", "cache_target", "config_target",
]  # fmt: skip

"""Synthetic spec trees: N models, enums, versioned configs and cache policies, written as YAML.

Every model has 20 columns of the types a real schema uses (uuid keys, timestamps, an enum, numbers,
varchar, arrays, jsonb with and without a config), two foreign keys (to the previous model and to a
"parent" halfway down the list, so the graph is not a single chain), a check and three indexes
(composite, partial, gin). The tree compiles with no finding; :func:`model_yaml` with ``changed``
gives the edit the plan and ``check --base`` measurements make (a column, an index, a widened type).
Everything is a pure function of the sizes: the same sizes give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.synthconfigs import config_yaml

ENUMS = 5
STATUS_VALUES = ("active", "draft", "archived")


@dataclass(frozen=True)
class Sizes:
    """How big a tree is: models, configs (each of three versions) and cache policies."""

    models: int
    configs: int = 200
    policies: int = 100

    def config_names(self) -> list[str]:
        return [config_name(k) for k in range(self.configs)]


def model_name(i: int) -> str:
    return f"Model{i:05d}"


def config_name(k: int) -> str:
    return f"config_{k:03d}"


def model_file(i: int) -> str:
    return f"models/model_{i:05d}.yaml"


def is_critical(i: int) -> bool:
    """Every hundredth model holds critical data (a policy on it may not cache)."""
    return i % 100 == 50


def model_yaml(i: int, sizes: Sizes, changed: bool = False) -> str:
    """The spec of model ``i``; ``changed`` adds a column and an index and widens ``slug``."""
    name = model_name(i)
    owner, parent = model_name(max(i - 1, 0)), model_name(i // 2)
    config = f", config: {config_name(i % sizes.configs)}" if sizes.configs else ""
    lines = [
        "kind: model",
        f"name: {name}",
        f"description: Synthetic model {i} of {sizes.models}.",
        *(["critical: true"] if is_critical(i) else []),
        "columns:",
        "  id:          {type: uuid, primary_key: true, default: {sql: gen_random_uuid()}}",
        "  ownerId:     {type: uuid}",
        "  parentId:    {type: uuid, nullable: true}",
        "  name:        {type: text}",
        f"  slug:        {{type: \"varchar({120 if changed else 80})\"}}",
        f"  status:      {{type: Status{i % ENUMS}, default: active}}",
        "  description: {type: text, nullable: true}",
        "  priority:    {type: smallint, default: 0}",
        "  counter:     {type: integer, default: 0}",
        "  total:       {type: bigint, default: 0}",
        "  amount:      {type: \"numeric(12,2)\", default: 0}",
        "  ratio:       {type: double precision, nullable: true}",
        "  isActive:    {type: boolean, default: true}",
        "  tags:        {type: \"text[]\", default: []}",
        f"  settings:    {{type: jsonb, nullable: true{config}}}",
        "  metadata:    {type: jsonb, default: {}}",
        "  birthDate:   {type: date, nullable: true}",
        "  timeout:     {type: interval, nullable: true}",
        "  createdAt:   {type: timestamptz, default: {sql: now()}}",
        "  updatedAt:   {type: timestamptz, nullable: true}",
        *(["  extraNote:   {type: text, nullable: true}"] if changed else []),
        "foreign_keys:",
        "  - columns: [ownerId]",
        f"    references: {{model: {owner}, columns: [id]}}",
        "    on_delete: cascade",
        "  - columns: [parentId]",
        f"    references: {{model: {parent}, columns: [id]}}",
        "    on_delete: set_null",
        "checks:",
        f"  - name: {name}_counter_nonnegative",
        "    expression: '\"counter\" >= 0'",
        "indexes:",
        "  - columns: [ownerId, createdAt]",
        "  - columns: [createdAt]",
        "    where: '\"isActive\"'",
        "  - columns: [tags]",
        "    using: gin",
        *(["  - columns: [priority, createdAt]"] if changed else []),
    ]
    return "\n".join(lines) + "\n"


def enums_yaml() -> str:
    docs = [f"kind: enum\nname: Status{e}\nvalues: [{', '.join(STATUS_VALUES)}]\n" for e in range(ENUMS)]
    return "---\n".join(docs)


def policy_model(j: int, sizes: Sizes) -> int:
    """The model policy ``j`` caches: spread evenly over the models."""
    return j * sizes.models // max(sizes.policies, 1)


def policy_yaml(j: int, sizes: Sizes) -> str:
    """A cache policy: TTLs for both audiences, or none when it (or its model) is critical."""
    i = policy_model(j, sizes)
    model, owner = model_name(i), model_name(max(i - 1, 0))
    critical = is_critical(i) or j % 10 == 9
    lines = [
        "kind: cache_policy",
        f"name: policy_{j:03d}",
        f"model: {model}",
        f"key: \"m{i}:{{ownerId}}:{{id}}\"",
        *(["critical: true"] if critical else ["ttl: {anonymous: 300s, authenticated: 60s}"]),
        f"invalidate_on: [{', '.join(sorted({model, owner}))}]",
        *(["chunking: {max_bytes: 1MB}"] if j % 4 == 0 and not critical else []),
    ]
    return "\n".join(lines) + "\n"


def tree_files(sizes: Sizes, changed: frozenset[int] = frozenset()) -> dict[str, str]:
    """Every spec file (path under the spec root -> text); the models in ``changed`` carry the edit."""
    files = {"enums/status.yaml": enums_yaml()}
    for i in range(sizes.models):
        files[model_file(i)] = model_yaml(i, sizes, i in changed)
    for k in range(sizes.configs):
        for v in (1, 2, 3):
            files[f"configs/{config_name(k)}/v{v}.yaml"] = config_yaml(config_name(k), k, v)
    for j in range(sizes.policies):
        files[f"cache/policy_{j:03d}.yaml"] = policy_yaml(j, sizes)
    return files


PYPROJECT = '[tool.specguard]\nspecs = "specs"\ngenerated = "generated"\n'


def write_tree(root: Path, sizes: Sizes, changed: frozenset[int] = frozenset()) -> Path:
    """Write a project (pyproject.toml and specs/) under ``root``; return the spec root."""
    specs = root / "specs"
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    for rel, text in tree_files(sizes, changed).items():
        path = specs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return specs


def changed_models(sizes: Sizes, count: int) -> frozenset[int]:
    """``count`` models spread evenly over the tree (never the first, so a foreign key target stays)."""
    if count <= 0 or sizes.models == 0:
        return frozenset()
    step = max(sizes.models // count, 1)
    return frozenset(min(1 + k * step, sizes.models - 1) for k in range(count))


def apply_change(specs: Path, sizes: Sizes, models: frozenset[int]) -> list[str]:
    """Rewrite the specs of ``models`` with the edit; return the files changed (relative to specs/)."""
    out = []
    for i in sorted(models):
        rel = model_file(i)
        (specs / rel).write_text(model_yaml(i, sizes, changed=True))
        out.append(rel)
    return out

"""Random VALID spec sets as YAML text, safe edits of them, and rows that fit the tables they build.

A spec set is held as small mutable dataclasses (``SpecSet`` of ``Model`` and enums) whose checks,
partial-index predicates and foreign keys name columns structurally, so an edit such as a column
rename rewrites every reference at once; ``render`` turns it into the YAML a user would write.
The generator only writes specs that the loader must accept: a load error is a generator bug or a
compiler bug, never an expected outcome (the one exception, derived-name clashes, is ``assume``d
away by the tests).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

import yaml
from hypothesis import strategies as st

# --- identifiers ---------------------------------------------------------------------------------

# Words that must be quoted in SQL, or that YAML 1.1 would read as something other than a string.
RESERVED = ("user", "order", "select", "group", "table", "check", "default", "limit", "end", "from",
            "where", "Order", "column", "primary", "references", "on", "yes", "no", "null", "true",
            "Null", "off", "y", "n", "offset", "desc", "constraint", "index")

# Near PostgreSQL's 63 bytes. Not three character classes at once: a long run of letters, digits
# and mixed case is what the credential scanner (SG112) takes for a token (see test_found_bugs).
LONG_IDENTS = st.one_of(
    st.from_regex(r"\A[a-z][a-z0-9_]{52,62}\Z", fullmatch=True),
    st.from_regex(r"\A[A-Z][A-Za-z]{52,62}\Z", fullmatch=True),
)
IDENTS = st.one_of(
    st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z", fullmatch=True),
    st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,10}\Z", fullmatch=True),
    st.from_regex(r"\A[a-z]{1,10}[A-Z][a-zA-Z0-9]{0,6}\Z", fullmatch=True),
    st.sampled_from(RESERVED),
    LONG_IDENTS,
)


def fresh(draw, taken: set[str], strategy=IDENTS) -> str:
    name = draw(strategy.filter(lambda n: n not in taken))
    taken.add(name)
    return name


# --- types ---------------------------------------------------------------------------------------

SCALARS = ("text", "varchar", "smallint", "integer", "bigint", "numeric", "real", "double precision",
           "boolean", "uuid", "date", "time", "timestamp", "timestamptz", "interval", "json", "jsonb", "bytea")
KEY_TYPES = ("uuid", "bigint", "integer", "text", "varchar", "smallint")  # primary key columns
NUMBERS = ("smallint", "integer", "bigint", "numeric", "real", "double precision")
INT_MAX = {"smallint": 2**15 - 1, "integer": 2**31 - 1, "bigint": 2**63 - 1}


@dataclass(frozen=True)
class Type:
    base: str
    args: tuple[int, ...] = ()
    array: bool = False
    enum: bool = False

    def spec(self) -> str:
        s = self.base + ("(" + ",".join(map(str, self.args)) + ")" if self.args else "")
        return s + ("[]" if self.array else "")

    @property
    def btree(self) -> bool:  # has a default btree operator class (usable in PK, UNIQUE, btree)
        return self.base != "json"


@st.composite
def types(draw, enums: dict[str, list[str]], base=None, array=None) -> Type:
    if base is None:
        if enums and draw(st.integers(0, 5)) == 0:
            return Type(draw(st.sampled_from(sorted(enums))), array=draw(st.booleans()) if array is None else array, enum=True)
        base = draw(st.sampled_from(SCALARS))
    args: tuple[int, ...] = ()
    if base == "varchar":
        args = (draw(st.sampled_from([1, 2, 8, 40, 255, 10485760]) | st.integers(1, 300)),)
    elif base == "numeric" and draw(st.integers(0, 3)):
        p = draw(st.integers(1, 38))
        args = (p, draw(st.integers(0, p)))
    if array is None:
        array = draw(st.integers(0, 4)) == 0
    return Type(base, args, array)


# --- literal and SQL defaults, valid for their type ----------------------------------------------

TEXT = st.text(alphabet=st.sampled_from("abcXYZ019 _-'\"\\{},üé€%"), max_size=10)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.sampled_from([0.5, -2.25, 1e10]) | TEXT,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(TEXT, kids, max_size=3),
    max_leaves=6,
)


@st.composite
def literal(draw, t: Type, enums):
    """A YAML literal that the loader accepts as the default of a column of type ``t``."""
    if t.array:
        return draw(st.lists(literal(Type(t.base, t.args, False, t.enum), enums), max_size=3))
    b = t.base
    if t.enum:
        return draw(st.sampled_from(enums[b]))
    if b in ("json", "jsonb"):
        return draw(JSON)
    if b == "text":
        return draw(TEXT)
    if b == "varchar":
        return draw(TEXT.map(lambda s: s[: t.args[0]]))
    if b in INT_MAX:
        return draw(st.integers(-INT_MAX[b] - 1, INT_MAX[b]) | st.integers(-3, 3))
    if b == "numeric":
        if not t.args:
            return draw(st.integers(-10**20, 10**20) | st.sampled_from([0.5, -1.25, 3.0]))
        p, s = t.args
        whole = 10 ** min(p - s, 15) - 1
        if s and draw(st.booleans()):
            cents = draw(st.integers(0, 10 ** min(s, 6) - 1))
            return round(draw(st.integers(-whole, whole)) + cents / 10 ** min(s, 6), min(s, 6))
        return draw(st.integers(-whole, whole))
    if b in ("real", "double precision"):
        return draw(st.sampled_from([0.0, 1.5, -2.25, 0.1, 1e10, 3.0, -1e-05]) | st.integers(-1000, 1000))
    if b == "boolean":
        return draw(st.booleans())
    if b == "uuid":
        return str(draw(st.uuids()))
    if b == "date":
        return draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))).isoformat()
    if b == "time":
        return draw(st.times()).replace(microsecond=0).isoformat()
    if b == "timestamp":
        return draw(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))).replace(microsecond=0).isoformat(" ")
    if b == "timestamptz":
        d = draw(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))).replace(microsecond=0)
        return d.isoformat(" ") + draw(st.sampled_from(["+00", "+02:00", "-05:30", "Z", ""]))
    if b == "interval":
        return draw(st.sampled_from(["1 day", "2 hours", "00:00:01", "P1D", "1 year 2 mons", "-3 days"]))
    if b == "bytea":
        return draw(st.sampled_from(["", "abc", "\\x00ff", "\\xDEADBEEF", "hello world"]))
    raise AssertionError(b)


SQL_DEFAULTS = {
    "text": ["'x'", "'a' || 'b'", "''", "upper('q')"],
    "varchar": ["'x'"],
    "smallint": ["0", "-1", "(1 + 2)"],
    "integer": ["0", "-1", "(1 + 2)", "abs(-4)"],
    "bigint": ["0", "-1", "42"],
    "numeric": ["0"],
    "real": ["0", "1.5"],
    "double precision": ["0", "-0.5"],
    "boolean": ["true", "NOT false"],
    "uuid": ["gen_random_uuid()"],
    "date": ["CURRENT_DATE", "now()"],
    "time": ["LOCALTIME", "'12:00'"],
    "timestamp": ["now()", "LOCALTIMESTAMP", "CURRENT_TIMESTAMP"],
    "timestamptz": ["now()", "CURRENT_TIMESTAMP", "clock_timestamp()", "statement_timestamp()",
                    "transaction_timestamp()"],
    "interval": ["'1 day'::interval", "make_interval(days => 2)"],
    "json": ["'{}'::json"],
    "jsonb": ["'{}'::jsonb", "'[]'", "jsonb_build_object('a', 1)"],
    "bytea": ["'\\x00'::bytea"],
}


@st.composite
def defaults(draw, t: Type, enums, allow_sql=True):
    """None, a YAML literal, or {"sql": ...}."""
    kind = draw(st.sampled_from(["none", "literal", "sql"] if allow_sql else ["none", "literal"]))
    if kind == "literal":
        return draw(literal(t, enums))
    if kind == "sql" and not t.array and not t.enum and t.base in SQL_DEFAULTS:
        if t.base == "varchar" and t.args[0] < 1:
            return None
        return {"sql": draw(st.sampled_from(SQL_DEFAULTS[t.base]))}
    return None


# --- the spec set ----------------------------------------------------------------------------------


@dataclass
class Col:
    name: str
    type: Type
    nullable: bool = False
    default: object = None
    primary_key: bool = False  # written inline (`primary_key: true`) when the model says so
    deprecated: str | None = None
    renamed_from: str | None = None
    changed_at: int = -1  # the edit step that last renamed or deprecated it (edits only)


@dataclass
class Check:
    kind: str  # nonneg | nonempty | either | boolean
    cols: list[str]
    name: str | None = None

    def sql(self) -> str:
        q = [quote(c) for c in self.cols]
        return {
            "nonneg": lambda: f"{q[0]} >= 0",
            "nonempty": lambda: f"length({q[0]}) > 0",
            "either": lambda: f"{q[0]} IS NOT NULL OR {q[1]} IS NOT NULL",
            "boolean": lambda: f"{q[0]} OR NOT {q[0]}",
        }[self.kind]()


@dataclass
class Where:
    kind: str  # notnull | positive | flag
    col: str

    def sql(self) -> str:
        return {"notnull": f"{quote(self.col)} IS NOT NULL", "positive": f"{quote(self.col)} > 0",
                "flag": quote(self.col)}[self.kind]


@dataclass
class Idx:
    cols: list[str]
    using: str = "btree"
    where: Where | None = None
    unique: bool = False
    name: str | None = None


@dataclass
class FK:
    cols: list[str]
    model: str
    ref_cols: list[str]
    on_delete: str


@dataclass
class Model:
    name: str
    columns: list[Col]
    pk: list[str] = field(default_factory=list)
    pk_inline: bool = True
    uniques: list[list[str]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    indexes: list[Idx] = field(default_factory=list)
    fks: list[FK] = field(default_factory=list)
    critical: bool = False
    renamed_from: str | None = None

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)

    def referenced_by_constraints(self, name: str) -> bool:
        return (name in self.pk or any(name in u for u in self.uniques) or any(name in c.cols for c in self.checks)
                or any(name in i.cols or (i.where and i.where.col == name) for i in self.indexes)
                or any(name in f.cols for f in self.fks))


@dataclass
class Policy:
    """A cache policy. It holds its model and key columns themselves (not their names), so a rename
    of either carries over, and a policy whose model or column is gone is left out by ``render``."""

    name: str
    model: Model
    key: list[Col]
    prefix: str = "k"
    ttl: tuple[int | None, int | None] | None = (300, 60)  # (anonymous, authenticated); None when critical
    critical: bool = False  # `critical: true` on the policy itself (a critical model needs no flag here)


@dataclass
class SpecSet:
    enums: dict[str, list[str]]
    models: dict[str, Model]
    layout: int = 0  # 0: a file per document; 1: one multi-document file
    step: int = 0  # the edit step in progress (edits only)
    policies: list[Policy] = field(default_factory=list)
    # name -> the schema of each version; a schema's "__spec__" entry holds the version's other keys
    configs: dict[str, list[dict]] = field(default_factory=dict)
    enum_renamed_from: dict[str, str] = field(default_factory=dict)  # new name -> old name

    def copy(self) -> "SpecSet":
        return copy.deepcopy(self)

    def names(self) -> set[str]:
        return set(self.enums) | set(self.models)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_yaml(c: Col, m: Model) -> dict:
    d: dict = {"type": c.type.spec()}
    if c.nullable and not c.deprecated:
        d["nullable"] = True
    if c.primary_key and m.pk_inline:
        d["primary_key"] = True
    if c.default is not None:
        d["default"] = c.default
    if c.deprecated:
        d["deprecated"] = c.deprecated
    if c.renamed_from:
        d["renamed_from"] = c.renamed_from
    return d


def model_yaml(m: Model) -> dict:
    doc: dict = {"kind": "model", "name": m.name}
    if m.renamed_from:
        doc["renamed_from"] = m.renamed_from
    if m.critical:
        doc["critical"] = True
    doc["columns"] = {c.name: _column_yaml(c, m) for c in m.columns}
    if m.pk and not m.pk_inline:
        doc["primary_key"] = list(m.pk)
    if m.fks:
        doc["foreign_keys"] = [{"columns": f.cols, "references": {"model": f.model, "columns": f.ref_cols},
                                "on_delete": f.on_delete} for f in m.fks]
    if m.uniques:
        doc["unique"] = [list(u) for u in m.uniques]
    if m.checks:
        doc["checks"] = [({"name": c.name} if c.name else {}) | {"expression": c.sql()} for c in m.checks]
    if m.indexes:
        out = []
        for i in m.indexes:
            d = {"name": i.name} if i.name else {}
            d["columns"] = list(i.cols)
            if i.using != "btree":
                d["using"] = i.using
            if i.where:
                d["where"] = i.where.sql()
            if i.unique:
                d["unique"] = True
            out.append(d)
        doc["indexes"] = out
    return doc


class _Yaml12Dumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1: it leaves `09`, `0o17` or `1e3` unquoted, which YAML 1.2 (what specguard
    reads) takes for numbers. Quote every string that would not read back as itself."""


def _str_12(dumper, value: str):
    from specguard.compiler.load.yamlsrc import resolve_scalar

    try:
        plain_ok = resolve_scalar(value, True) == value
    except ValueError:
        plain_ok = False
    if not plain_ok:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Yaml12Dumper.add_representer(str, _str_12)


def _enum_yaml(spec: SpecSet, name: str, values: list[str]) -> dict:
    doc: dict = {"kind": "enum", "name": name, "values": list(values)}
    if name in spec.enum_renamed_from:
        doc["renamed_from"] = spec.enum_renamed_from[name]
    return doc


def _policy_yaml(p: Policy) -> dict:
    doc: dict = {"kind": "cache_policy", "name": p.name, "model": p.model.name,
                 "key": p.prefix + ":" + ":".join("{" + c.name + "}" for c in p.key)}
    if p.critical:
        doc["critical"] = True
    if p.ttl is not None:
        doc["ttl"] = {who: f"{t}s" for who, t in zip(("anonymous", "authenticated"), p.ttl) if t is not None}
    return doc


def live_policies(spec: SpecSet) -> list[Policy]:
    """The policies whose model and key columns still exist."""
    models = [id(m) for m in spec.models.values()]
    return [p for p in spec.policies if id(p.model) in models and all(any(c is k for c in p.model.columns) for k in p.key)]


def render(spec: SpecSet) -> dict[str, str]:
    """The spec files, display path -> YAML text."""
    docs = [_enum_yaml(spec, n, v) for n, v in spec.enums.items()]
    docs += [model_yaml(m) for m in spec.models.values()]
    docs += [{"kind": "config", "name": n, "version": i + 1, **schema.get("__spec__", {}),
              "schema": {k: v for k, v in schema.items() if k != "__spec__"}}
             for n, versions in spec.configs.items() for i, schema in enumerate(versions)]
    docs += [_policy_yaml(p) for p in live_policies(spec)]

    def dump(d) -> str:
        return yaml.dump(d, Dumper=_Yaml12Dumper, sort_keys=False, allow_unicode=True, width=100)

    if spec.layout == 1:
        return {"specs/all.yaml": "---\n".join(dump(d) for d in docs)} if docs else {}
    return {f"specs/{d['kind']}s/{i:03d}.yaml": dump(d) for i, d in enumerate(docs)}


# --- generation -------------------------------------------------------------------------------------

ENUM_VALUES = st.text(alphabet=st.sampled_from("abcxyz AZ09_-'\",{}\\üß"), min_size=1, max_size=8) | st.from_regex(
    r"\A[a-z]{1,6}\Z", fullmatch=True)


def checks_for(draw, m: Model, taken_names: set[str]) -> Check | None:
    opts = []
    for c in m.columns:
        if c.type.array:
            continue
        if c.type.base in NUMBERS:
            opts.append(("nonneg", [c.name]))
        if c.type.base in ("text", "varchar"):
            opts.append(("nonempty", [c.name]))
        if c.type.base == "boolean":
            opts.append(("boolean", [c.name]))
    if len(m.columns) >= 2:
        a, b = draw(st.lists(st.sampled_from([c.name for c in m.columns]), min_size=2, max_size=2, unique=True))
        opts.append(("either", [a, b]))
    if not opts:
        return None
    kind, cols = draw(st.sampled_from(opts))
    name = fresh(draw, taken_names) if draw(st.booleans()) else None
    ch = Check(kind, cols, name)
    if any(x.sql() == ch.sql() for x in m.checks):
        return None  # two unnamed checks with one expression would share their derived name
    return ch


def index_for(draw, m: Model, taken_names: set[str], need_key: bool = False) -> Idx | None:
    """A random index over existing columns; ``need_key``: a unique one must contain a PK column."""
    cols = m.columns
    kind = draw(st.sampled_from(["btree", "btree", "partial", "gin", "hash", "brin", "unique"]))
    if kind == "gin":
        cands = [c for c in cols if (c.type.base == "jsonb" and not c.type.array)
                 or (c.type.array and c.type.base not in ("json", "jsonb") and not c.type.enum)]
        if not cands:
            return None
        ix = Idx([draw(st.sampled_from(cands)).name], "gin")
    elif kind == "hash":
        cands = [c for c in cols if c.type.btree and not c.type.array]
        if not cands:
            return None
        ix = Idx([draw(st.sampled_from(cands)).name], "hash")
    elif kind == "brin":
        cands = [c for c in cols if not c.type.array and c.type.base in
                 ("integer", "bigint", "date", "timestamptz", "timestamp", "numeric", "uuid", "text")]
        if not cands:
            return None
        ix = Idx([draw(st.sampled_from(cands)).name], "brin")
    else:
        cands = [c.name for c in cols if c.type.btree]
        if not cands:
            return None
        chosen = draw(st.lists(st.sampled_from(cands), min_size=1, max_size=3, unique=True))
        ix = Idx(chosen)
        if kind == "unique":
            if need_key:
                if not m.pk:
                    return None
                ix.cols = list(dict.fromkeys([*m.pk, *chosen]))[:4]
            ix.unique = True
        if kind == "partial" or (kind == "unique" and draw(st.booleans())):
            wcands = [Where("notnull", c.name) for c in cols if c.nullable]
            wcands += [Where("positive", c.name) for c in cols if c.type.base in NUMBERS and not c.type.array]
            wcands += [Where("flag", c.name) for c in cols if c.type.base == "boolean" and not c.type.array]
            if wcands:
                ix.where = draw(st.sampled_from(wcands))
    if draw(st.booleans()):
        ix.name = fresh(draw, taken_names)
    elif any(i.name is None and i.cols == ix.cols for i in m.indexes):
        return None  # the same derived name twice
    return ix


@st.composite
def models(draw, name: str, spec: SpecSet, taken: set[str]) -> Model:
    """A model named ``name`` that may reference the models already in ``spec`` (and itself)."""
    enums = spec.enums
    col_names: set[str] = set()
    cols: list[Col] = []
    # the key: one column, or a composite of two
    n_pk = draw(st.sampled_from([0, 1, 1, 1, 2]))
    for _ in range(n_pk):
        t = draw(types(enums, base=draw(st.sampled_from(KEY_TYPES)), array=False))
        d = None
        if t.base == "uuid" and draw(st.booleans()):
            d = {"sql": "gen_random_uuid()"}
        cols.append(Col(fresh(draw, col_names), t, default=d, primary_key=True))
    for _ in range(draw(st.integers(1 if not n_pk else 0, 6))):
        t = draw(types(enums))
        cols.append(Col(fresh(draw, col_names), t, nullable=draw(st.booleans()), default=draw(defaults(t, enums))))
    m = Model(name, cols, pk=[c.name for c in cols if c.primary_key], pk_inline=draw(st.booleans()))
    if not m.pk_inline:
        for c in m.columns:
            c.primary_key = False
    # foreign keys: to models with a key, including this one
    targets = [t for t in spec.models.values() if t.pk] + ([m] if m.pk else [])
    for _ in range(draw(st.integers(0, 2)) if targets else 0):
        ref = draw(st.sampled_from(targets))
        add_fk(draw, m, ref, col_names)
    cons_names: set[str] = set()
    for _ in range(draw(st.integers(0, 2))):
        btree = [c.name for c in m.columns if c.type.btree]
        if btree:
            u = draw(st.lists(st.sampled_from(btree), min_size=1, max_size=3, unique=True))
            if u not in m.uniques and u != m.pk:
                m.uniques.append(u)
    for _ in range(draw(st.integers(0, 2))):
        ch = checks_for(draw, m, cons_names)
        if ch:
            m.checks.append(ch)
    for _ in range(draw(st.integers(0, 3))):
        ix = index_for(draw, m, taken)
        if ix:
            m.indexes.append(ix)
    return m


def add_fk(draw, m: Model, ref: Model, col_names: set[str], force_nullable: bool = False) -> FK:
    on_delete = draw(st.sampled_from(["cascade", "restrict", "set_null", "no_action"]))
    nullable = force_nullable or on_delete == "set_null" or draw(st.booleans())
    local = []
    for rc in ref.pk:
        rt = ref.col(rc).type
        # compatible, not always identical: integers with integers, text with varchar
        if rt.base in INT_MAX:
            t = Type(draw(st.sampled_from(list(INT_MAX))))
        elif rt.base in ("text", "varchar"):
            t = draw(st.sampled_from([Type("text"), rt, Type("varchar", (draw(st.integers(20, 100)),))]))
        else:
            t = rt
        c = Col(fresh(draw, col_names), t, nullable=nullable)
        m.columns.append(c)
        local.append(c.name)
    fk = FK(local, ref.name, list(ref.pk), on_delete)
    m.fks.append(fk)
    return fk


@st.composite
def spec_sets(draw, max_models: int = 4) -> SpecSet:
    taken: set[str] = set()  # models and enums share a namespace; index names share the schema's
    enums = {}
    for _ in range(draw(st.integers(0, 2))):
        enums[fresh(draw, taken)] = draw(st.lists(ENUM_VALUES, min_size=1, max_size=4, unique=True))
    spec = SpecSet(enums, {}, layout=draw(st.integers(0, 1)))
    for _ in range(draw(st.integers(1, max_models))):
        name = fresh(draw, taken)
        spec.models[name] = draw(models(name, spec, taken))
    return spec


# --- rows -----------------------------------------------------------------------------------------


def text_value(catalog, t, k: int) -> str:
    """Row ``k``'s value for an IR ColumnType, in PostgreSQL's text input format."""
    if t.array:
        el = text_value(catalog, type(t)(t.base, t.args, False, t.enum), k)
        return "{" + '"' + el.replace("\\", "\\\\").replace('"', '\\"') + '"' + "}"
    b = t.base
    if t.enum:
        values = catalog.enum(b).values
        return values[k % len(values)]
    if b == "text":
        return f"v{k}"
    if b == "varchar":
        return f"v{k}"[-t.args[0]:]
    if b in INT_MAX:
        return str(k % 30000)
    if b == "numeric":
        if t.args and t.args[0] == t.args[1]:
            return "0"
        return str(k % 10 ** min(t.args[0] - t.args[1], 4)) if t.args else str(k)
    if b in ("real", "double precision"):
        return str(k)
    if b == "boolean":
        return "true" if k % 2 else "false"
    if b == "uuid":
        return str(uuid.UUID(int=k + 1))
    if b == "date":
        return (dt.date(2024, 1, 1) + dt.timedelta(days=k)).isoformat()
    if b == "time":
        return f"12:00:{k % 60:02d}"
    if b == "timestamp":
        return (dt.datetime(2024, 1, 1) + dt.timedelta(seconds=k)).isoformat(" ")
    if b == "timestamptz":
        return (dt.datetime(2024, 1, 1) + dt.timedelta(seconds=k)).isoformat(" ") + "+00"
    if b == "interval":
        return f"{k} seconds"
    if b in ("json", "jsonb"):
        return json.dumps({"k": k})
    if b == "bytea":
        return f"\\x{k % 256:02x}"
    raise AssertionError(b)


def _fits(t, value: str | None) -> bool:
    """Whether ``value`` survives a cast to ``t`` unchanged (an explicit cast to varchar(n) truncates)."""
    return value is None or t.base != "varchar" or t.array or not t.args or len(value) <= t.args[0]


def insert_row(conn, catalog, table, k: int, repeat: int = 0) -> None:
    """Insert row ``k`` into ``table`` (an IR Table): every column filled, foreign keys pointing at an
    existing parent row (NULL, or the row itself for a self-reference, when the parent is empty).
    With ``repeat``, the columns outside the primary key hold the values of row ``k % repeat``, so
    rows share values (as a unique key added later must cope with). A row that would break a unique
    key is skipped (ON CONFLICT DO NOTHING)."""
    stmt = insert_statement(conn, catalog, table, k, repeat=repeat)
    if stmt is not None:
        conn.execute(stmt[0] + " ON CONFLICT DO NOTHING", stmt[1])


def insert_statement(conn, catalog, table, k: int, *, nulls: bool = False, minimal: bool = False, repeat: int = 0):
    """``(sql, params)`` of an INSERT of row ``k`` as a client of ``catalog`` writes it, or None when a
    required reference has no parent row yet. ``nulls``: NULL in every nullable column, written out;
    ``minimal``: only the columns that are required and have no default; ``repeat``: see insert_row."""
    from specguard.compiler.ir.catalog import quote_ident as q

    key = set(table.primary_key.columns) if table.primary_key else set()
    values: dict[str, str | None] = {
        c.name: text_value(catalog, c.type, k % repeat if repeat and c.name not in key else k) for c in table.columns
    }
    for fk in table.foreign_keys:
        if fk.ref_table == table.name:
            row = tuple(values[rc] for rc in fk.ref_columns)
            if not all(_fits(table.column(c).type, v) for c, v in zip(fk.columns, row)):
                row = None  # the key would not fit the referencing column (a cast would truncate it)
        else:
            sel = ", ".join(f"{q(rc)}::text" for rc in fk.ref_columns)
            row = conn.execute(f"SELECT {sel} FROM {q(fk.ref_table)} ORDER BY 1 DESC LIMIT 1").fetchone()
        if row is None:
            if not all(table.column(c).nullable for c in fk.columns):
                return None  # no parent yet for a required reference
            row = (None,) * len(fk.columns)
        for c, v in zip(fk.columns, row):
            values[c] = v
    if nulls:
        values.update({c.name: None for c in table.columns if c.nullable})
    if minimal:
        values = {c.name: values[c.name] for c in table.columns if not c.nullable and c.default is None}
    cols = list(values)
    if not cols:
        return f"INSERT INTO {q(table.name)} DEFAULT VALUES", []
    exprs = ", ".join(f"%s::{table.column(c).type.sql()}" for c in cols)
    return f"INSERT INTO {q(table.name)} ({', '.join(q(c) for c in cols)}) VALUES ({exprs})", [values[c] for c in cols]

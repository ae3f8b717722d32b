"""Every load/build diagnostic code: one case that fires (with its line and column), one that does not.

Cases are (code, files, expected file:line:column). ``files`` are in-memory spec files; ``BASE`` is a
small valid spec set the cases extend.
"""

from __future__ import annotations

import pytest

from specguard.compiler.pipeline import load_texts

USER = """\
kind: model
name: User
columns:
  id: {type: uuid, primary_key: true}
  email: {type: text}
"""

ROLE = """\
kind: enum
name: Role
values: [user, assistant]
"""


def model(body: str, name: str = "Thing") -> str:
    return f"kind: model\nname: {name}\ncolumns:\n  id: {{type: bigint, primary_key: true}}\n{body}"


CONFIG_TONE = """\
kind: config
name: c
version: 2
schema: {type: object, properties: {tone: {type: string}}, required: [tone], additionalProperties: false}
"""

# (id, code, files, "file:line:col")
FIRES = [
    ("yaml-syntax", "SG100", {"a.yaml": "kind: model\nname: [X\n"}, "a.yaml:3:1"),
    ("encoding", "SG101", {"a.yaml": b"kind: model\nname: \xff\n"}, "a.yaml:2:7"),
    ("duplicate-key", "SG102", {"a.yaml": "kind: enum\nname: A\nname: B\nvalues: [x]\n"}, "a.yaml:3:1"),
    ("tag", "SG103", {"a.yaml": "kind: enum\nname: !!python/name:os.system A\nvalues: [x]\n"}, "a.yaml:2:7"),
    ("alias-bomb", "SG104", {"a.yaml": "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                       "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"}, "a.yaml:4:29"),
    ("no-kind", "SG105", {"a.yaml": "name: A\n"}, "a.yaml:1:1"),
    ("bad-kind", "SG105", {"a.yaml": "kind: modle\nname: A\n"}, "a.yaml:1:7"),
    ("unknown-key", "SG106", {"a.yaml": model("  n: {type: text, nulable: true}\n")}, "a.yaml:5:19"),
    ("invalid-value", "SG107", {"a.yaml": model("  n: {type: text, nullable: 'yes'}\n")}, "a.yaml:5:29"),
    ("missing-key", "SG108", {"a.yaml": "kind: enum\nname: A\n"}, "a.yaml:1:1"),
    ("bad-identifier", "SG109", {"a.yaml": model("  2bad: {type: text}\n")}, "a.yaml:5:3"),
    ("long-identifier", "SG109", {"a.yaml": model(f"  {'x' * 64}: {{type: text}}\n")}, "a.yaml:5:3"),
    ("unknown-type", "SG110", {"a.yaml": model("  n: {type: strin}\n")}, "a.yaml:5:13"),
    ("sql-two-statements", "SG111", {"a.yaml": model("  n: {type: text, default: {sql: \"'a'; DROP TABLE x\"}}\n")}, "a.yaml:5:38"),
    ("sql-subquery", "SG111", {"a.yaml": model("checks:\n  - expression: 'id > (SELECT 1)'\n", ) .replace("checks:", "  n: {type: text}\nchecks:")}, "a.yaml:7:18"),
    ("credential-url", "SG112", {"a.yaml": model("  n: {type: text, default: 'postgres://app:hunter2-fake@db/x'}\n")}, "a.yaml:5:28"),
    ("credential-token", "SG112", {"a.yaml": model("  n: {type: text, default: 'sk-FAKEFAKEFAKEFAKEFAKEFAKE1234'}\n")}, "a.yaml:5:28"),
    ("empty-file", "SG113", {"a.yaml": "   \n"}, "a.yaml:1:1"),
    ("duplicate-definition", "SG114", {"a.yaml": USER, "b.yaml": USER}, "b.yaml:2:7"),
    ("invalid-json-schema", "SG115", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: strng}}}\n"}, "a.yaml:4:47"),
    ("invalid-default", "SG116", {"a.yaml": model("  n: {type: integer, default: 'x'}\n")}, "a.yaml:5:31"),
    ("config-gap", "SG117", {"a.yaml": "kind: config\nname: c\nversion: 2\nschema: {type: object}\n"}, "a.yaml:3:10"),
    ("duration", "SG118", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\nttl: {anonymous: 5 minutes}\n"}, "p.yaml:5:18"),
    ("unknown-model", "SG200", {"a.yaml": model("  u: {type: uuid}\nforeign_keys:\n  - columns: [u]\n    references: {model: Usr, columns: [id]}\n"), "b.yaml": USER}, "a.yaml:8:25"),
    ("unknown-column", "SG201", {"a.yaml": model("indexes:\n  - columns: [id, nmae]\n")}, "a.yaml:6:19"),
    ("fk-type", "SG202", {"a.yaml": model("  u: {type: text}\nforeign_keys:\n  - columns: [u]\n    references: {model: User, columns: [id]}\n"), "b.yaml": USER}, "a.yaml:7:14"),
    ("fk-not-unique", "SG203", {"a.yaml": model("  e: {type: text}\nforeign_keys:\n  - columns: [e]\n    references: {model: User, columns: [email]}\n"), "b.yaml": USER}, "a.yaml:8:17"),
    ("unknown-config", "SG204", {"a.yaml": model("  c: {type: jsonb, config: nope}\n")}, "a.yaml:5:28"),
    ("config-on-text", "SG205", {"a.yaml": model("  c: {type: text, config: c}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object}\n"}, "a.yaml:5:27"),
    ("duplicate-constraint", "SG206", {"a.yaml": model("  n: {type: text}\nindexes:\n  - {name: x_idx, columns: [n]}\n  - {name: x_idx, columns: [id]}\n")}, "a.yaml:8:5"),
    ("missing-pk", "SG207", {"a.yaml": "kind: model\nname: T\ncolumns:\n  n: {type: text}\n"}, "a.yaml:2:7"),
    ("key-template", "SG208", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id'\nttl: {anonymous: 5s}\n"}, "p.yaml:4:6"),
    ("critical-cached", "SG500", {"a.yaml": USER.replace("name: User", "name: User\ncritical: true"), "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\nttl: {anonymous: 5s}\n"}, "p.yaml:5:6"),
    ("ttl-missing", "SG501", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\n"}, "p.yaml:2:7"),
    ("prefix-overlap", "SG502", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\nttl: {anonymous: 5s}\n---\nkind: cache_policy\nname: q\nmodel: User\nkey: 'u:x:{id}'\nttl: {anonymous: 5s}\n"}, "p.yaml:10:6"),
    ("ttl-range", "SG503", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\nttl: {anonymous: 0s}\n"}, "p.yaml:5:18"),
    ("chunk-range", "SG504", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\nttl: {anonymous: 5s}\nchunking: {max_bytes: 10}\n"}, "p.yaml:6:23"),
    ("key-ambiguous", "SG505", {"a.yaml": USER, "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}{email}'\nttl: {anonymous: 5s}\n"}, "p.yaml:4:6"),
    ("config-not-object", "SG600", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: string}\n"}, "a.yaml:4:16"),
    ("upgrade-typo", "SG601", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {mood: {type: string}}}\n",
                               "b.yaml": "kind: config\nname: c\nversion: 2\nschema: {type: object, properties: {tone: {type: string}}}\nupgrade: {rename: {mod: tone}}\n"}, "b.yaml:5:20"),
    ("upgrade-v1", "SG601", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object}\nupgrade: {remove: [a]}\n"}, "a.yaml:5:10"),
    ("keyword-typo", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n    n: {type: string, maxLenght: 4}\n"}, "a.yaml:7:23"),
    ("keyword-unevaluated", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  unevaluatedProperties: false\n"}, "a.yaml:6:3"),
    ("format-unknown", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {d: {type: string, format: duration}}}\n"}, "a.yaml:4:55"),
    ("ref-remote", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {d: {$ref: 'https://example.com/s.json'}}}\n"}, "a.yaml:4:41"),
    ("recursive-default", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n    n: {type: integer, default: 1}\n    child: {$ref: '#'}\n"}, "a.yaml:7:24"),
    ("version-key-is-property", "SG641", {"a.yaml": model("  c: {type: jsonb, config: c, config_version: {key: a}}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: string}}}\n"}, "a.yaml:5:53"),
    ("version-column-unknown", "SG201", {"a.yaml": model("  c: {type: jsonb, config: c, config_version: {column: v}}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: string}}}\n"}, "a.yaml:5:56"),
    ("version-column-text", "SG107", {"a.yaml": model("  v: {type: text}\n  c: {type: jsonb, config: c, config_version: {column: v}}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: string}}}\n"}, "a.yaml:6:56"),
    ("version-key-and-column", "SG107", {"a.yaml": model("  v: {type: integer}\n  c: {type: jsonb, config: c, config_version: {column: v, key: k}}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: string}}}\n"}, "a.yaml:6:47"),
    ("jsonb-default-invalid", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {}, config: c}\n"), "c.yaml": CONFIG_TONE}, "a.yaml:5:29"),
    ("jsonb-default-unversioned", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {tone: calm}, config: c}\n"), "c.yaml": CONFIG_TONE}, "a.yaml:5:29"),
    ("jsonb-default-unknown-version", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {$version: 3, tone: calm}, config: c}\n"), "c.yaml": CONFIG_TONE}, "a.yaml:5:29"),
    ("jsonb-default-column-version", "SG614", {"a.yaml": model("  v: {type: integer, nullable: true}\n  c: {type: jsonb, default: {}, config: c, config_version: {column: v}}\n"), "c.yaml": CONFIG_TONE}, "a.yaml:6:29"),
    ("jsonb-default-stale", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {$version: 1, tone: x}, config: c}\n"), "c.yaml": CONFIG_TONE,
                                      "c0.yaml": CONFIG_TONE.replace("version: 2", "version: 1")}, "a.yaml:5:29"),
    ("jsonb-default-old-version", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {$version: 2, mood: x}, config: c}\n"), "c.yaml": CONFIG_TONE,
                                            "c0.yaml": CONFIG_TONE.replace("version: 2", "version: 1").replace("tone", "mood")}, "a.yaml:5:29"),
    ("ref-missing", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n"
                                        "    child: {$ref: '#/$defs/nope'}\n"}, "a.yaml:7:13"),
]

# Near misses: the same shapes, valid. None of the listed code may fire.
QUIET = [
    ("yaml-quoted-colon", "SG100", {"a.yaml": "kind: enum\nname: A\ndescription: 'a: b'\nvalues: [x]\n"}),
    ("utf8-bom", "SG101", {"a.yaml": "\ufeffkind: enum\nname: A\nvalues: [é]\n".encode()}),
    ("same-key-other-maps", "SG102", {"a.yaml": model("  a: {type: text}\n  b: {type: text}\n")}),
    ("plain-strings", "SG103", {"a.yaml": "kind: enum\nname: A\nvalues: ['!!not-a-tag']\n"}),
    ("small-alias", "SG104", {"a.yaml": "kind: enum\nname: A\nvalues: &v [x, y]\ndescription: ok\n"}),
    ("norway", "SG107", {"a.yaml": "kind: enum\nname: Country\nvalues: [no, se, on]\n"}),
    ("identifier-63", "SG109", {"a.yaml": model(f"  {'x' * 63}: {{type: text}}\n")}),
    ("enum-type", "SG110", {"a.yaml": model("  r: {type: Role}\n  rs: {type: 'Role[]', default: [user]}\n"), "e.yaml": ROLE}),
    ("sql-string-with-semicolon", "SG111", {"a.yaml": model("  n: {type: text, default: {sql: \"'a;b'\"}}\n")}),
    ("url-without-password", "SG112", {"a.yaml": model("  n: {type: text, default: 'https://example.com/a'}\n")}),
    ("fake-password", "SG112", {"a.yaml": model("  n: {type: text, description: 'postgres://app:${DB_PASSWORD}@db/x'}\n")}),
    ("default-ok", "SG116", {"a.yaml": model("  n: {type: 'numeric(10,2)', default: 1.5}\n  j: {type: jsonb, default: {a: [1]}}\n  t: {type: 'text[]', default: ['a\"b']}\n")}),
    ("fk-int-to-bigint", "SG202", {"a.yaml": model("  o: {type: integer}\nforeign_keys:\n  - columns: [o]\n    references: {model: Other, columns: [id]}\n"),
                                   "b.yaml": model("", name="Other")}),
    ("upgrade-keys-exist", "SG601", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {mood: {type: string}, x: {}}}\n",
                                     "b.yaml": "kind: config\nname: c\nversion: 2\nschema: {type: object, properties: {tone: {type: string}}}\nupgrade: {rename: {mood: tone}, remove: [x], map_values: {tone: {a: b}}}\n"}),
    ("supported-keywords", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  $schema: 'https://json-schema.org/draft/2020-12/schema'\n"
                                     "  type: object\n  properties:\n    a: {type: [integer, 'null'], minimum: 0, multipleOf: 2}\n"
                                     "    b: {type: array, prefixItems: [{const: x}], items: {$ref: '#/$defs/s'}, uniqueItems: true, contains: {}, maxContains: 3}\n"
                                     "    c: {anyOf: [{type: string, pattern: '^(?!x)', format: date-time}, {not: {}}], oneOf: [{}], allOf: [{}]}\n"
                                     "    d: {type: object, patternProperties: {'^x': true}, propertyNames: {maxLength: 3}, dependentRequired: {a: [b]}, if: {}, then: {}, else: {}}\n"
                                     "  $defs: {s: {type: string, enum: [a, b], title: t, description: d, default: a, examples: [a]}}\n"}),
    ("version-in-a-column", "SG201", {"a.yaml": model("  v: {type: integer, nullable: true}\n  c: {type: jsonb, config: c, config_version: {column: v}}\n"), "c.yaml": "kind: config\nname: c\nversion: 1\nschema: {type: object, properties: {a: {type: string}}}\n"}),
    ("jsonb-default-valid", "SG614", {"a.yaml": model("  c: {type: jsonb, default: {$version: 2, tone: calm}, config: c}\n  d: {type: jsonb, default: {sql: \"'{}'::jsonb\"}, config: c}\n"
                                                      "  f: {type: jsonb, default: {v: 2, tone: y}, config: c, config_version: {key: v}}\n"
                                                      "  g: {type: jsonb, default: {tone: z}, config: c, config_version: {column: h}}\n  h: {type: integer, nullable: true}\n"),
                                      "c.yaml": CONFIG_TONE, "c0.yaml": CONFIG_TONE.replace("version: 2", "version: 1")}),
    ("ref-local", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n"
                                      "    a: {$ref: '#/$defs/x'}\n    b: {$ref: '#/$defs/x'}\n  $defs:\n    x: {type: string}\n"}),
    ("ref-recursive", "SG640", {"a.yaml": "kind: config\nname: c\nversion: 1\nschema:\n  type: object\n  properties:\n"
                                          "    child: {$ref: '#'}\n"}),
    ("critical-uncached", "SG500", {"a.yaml": USER.replace("name: User", "name: User\ncritical: true"), "p.yaml": "kind: cache_policy\nname: p\nmodel: User\nkey: 'u:{id}'\n"}),
]


def _spans(result, code):
    return [str(d.span) for d in result.diagnostics if d.code == code]


@pytest.mark.parametrize("case_id,code,files,where", FIRES, ids=[c[0] for c in FIRES])
def test_code_fires_at_location(case_id, code, files, where):
    result = load_texts(files)
    got = _spans(result, code)
    assert where in got, f"{code} expected at {where}; got {[(d.code, str(d.span), d.message) for d in result.diagnostics]}"
    d = next(d for d in result.diagnostics if d.code == code)
    assert d.message and d.category


@pytest.mark.parametrize("case_id,code,files", QUIET, ids=[c[0] for c in QUIET])
def test_code_does_not_fire(case_id, code, files):
    result = load_texts(files)
    assert not _spans(result, code), [(d.code, str(d.span), d.message) for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.severity.value == "error"], [
        (d.code, str(d.span), d.message) for d in result.diagnostics
    ]


def test_every_load_code_has_a_firing_case():
    from specguard.diagnostics.codes import CODES

    covered = {c[1] for c in FIRES}
    load_codes = {c for c in CODES if c.startswith(("SG1", "SG2", "SG5", "SG6"))}
    assert load_codes - covered == set()


def test_hints_say_what_to_do():
    r = load_texts({"a.yaml": model("  n: {type: text, nulable: true}\n")})
    assert r.diagnostics[0].hint == "did you mean `nullable`?"
    r = load_texts({"a.yaml": model("  n: {type: strin}\n")})
    assert "did you mean `string`" not in r.diagnostics[0].hint and "text" in r.diagnostics[0].hint
    r = load_texts({"a.yaml": model("  u: {type: uuid}\nforeign_keys:\n  - columns: [u]\n    references: {model: Usr, columns: [id]}\n"), "b.yaml": USER})
    assert "User" in next(d for d in r.diagnostics if d.code == "SG200").hint


def test_credentials_are_masked_in_messages():
    r = load_texts({"a.yaml": model("  n: {type: text, default: 'postgres://app:hunter2-fake@db/x'}\n")})
    text = " ".join(d.message + (d.hint or "") for d in r.diagnostics)
    assert "hunter2-fake" not in text and ":***@" in text

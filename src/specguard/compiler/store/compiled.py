"""Reading the compiled state of ``generated/`` once: the snapshot, its acceptances and the history.

``read_compiled`` is what both ``check`` and ``compile`` start from. It does not diff or judge: it
says what was compiled and whether the files that record it can be trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.store.history import History, check_history, check_lock_file
from specguard.compiler.store.layout import LOCK_CONTENT, LOCK_PATH, STATE_FILE, pending_journal
from specguard.compiler.store.snapshot import AcceptedFinding, StateError, load_state
from specguard.diagnostics import Diagnostic, Span, sorted_diagnostics
from specguard.diagnostics.codes import diag


@dataclass
class Compiled:
    """What ``generated/`` says was compiled.

    ``catalog`` is None when the state cannot be read (then ``diagnostics`` say why): a malformed
    state.json, a missing one beside existing migrations, an interrupted compile. ``blocking`` are the
    findings a compile must not build on (an edited history, an unreadable record of it).
    """

    root: Path
    catalog: Catalog | None
    accepted: tuple[AcceptedFinding, ...] = ()
    history: History | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # SG800/801/803 about the files
    exists: bool = False  # a state.json or migrations are there: generated/ was compiled before

    @property
    def blocking(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.code in ("SG801", "SG803")]

    @property
    def state_span(self) -> Span:
        return Span(str(self.root / STATE_FILE))

    def lock_text(self) -> str:
        """The migration_lock.toml to write: a correct one is kept as it is (older Prisma versions
        worded the comment differently)."""
        p = self.root / LOCK_PATH
        if p.is_file() and not check_lock_file(self.root):
            return p.read_text(encoding="utf-8")
        return LOCK_CONTENT


def read_compiled(generated_dir: Path | str) -> Compiled:
    """The compiled state and every integrity finding about the files that hold it."""
    gen = Path(generated_dir)
    journal = pending_journal(gen)
    if journal is not None:
        return Compiled(gen, None, diagnostics=[_half_written(gen, journal)])
    history = check_history(gen)
    diags = list(history.diagnostics)
    state_path = gen / STATE_FILE
    try:
        catalog, accepted = load_state(state_path)
    except StateError as e:
        return Compiled(gen, None, history=history, diagnostics=sorted_diagnostics([*diags, e.diagnostic]))
    exists = state_path.is_file() or bool(history.folders)
    if not state_path.is_file() and history.folders:
        diags.append(diag("SG803", f"{STATE_FILE} is missing, but migrations exist", Span(str(state_path)),
                          target=STATE_FILE, hint="restore generated/state.json from version control"))
        return Compiled(gen, None, history=history, diagnostics=sorted_diagnostics(diags), exists=True)
    if exists:
        diags += check_lock_file(gen)
    return Compiled(gen, catalog, accepted, history, sorted_diagnostics(diags), exists)


def _half_written(gen: Path, journal: Path) -> Diagnostic:
    from specguard.compiler.store.lock import held_by_another

    holder = held_by_another(gen)
    if holder is not None:  # not interrupted: another compile is writing it right now
        return diag("SG800", f"generated/ is being written by a `specguard compile` ({holder.describe()})",
                    Span(str(journal)), target="generated", hint="run the check again when that compile has finished")
    return diag("SG800", "generated/ was left half-written by an interrupted `specguard compile`", Span(str(journal)),
                target="generated", hint="run `specguard compile`: it rolls the interrupted compile back first")

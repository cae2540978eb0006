"""The reading version: a hash of everything that decides how a file is read — the code of the
pure reading stages, the lexicons, the registry and the judgements in force (db/judgements.yml).
An article read under another version is read again (from its stored raw bytes) by the next
ingest, so an archive never keeps readings that the current code, lexicons, registry or
judgements would not make.

The reading stages are found, not listed: every module of the package that `ingest.pipeline`
imports, directly or through other modules, is hashed. A new reading module cannot be forgotten.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

from . import __version__
from .resources import LEXICON_DIR, PACKAGE

ENTRY = "pipeline"  # the pure pipeline: bytes in, article and extraction out


def _module_file(name: str, root: Path) -> Path | None:
    """The file of module `ingest.<name>` ('a.b' for a submodule), or None if there is none."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_imports(path: Path, name: str) -> set[str]:
    """The ingest modules a module imports (relative or absolute), as dotted names under ingest."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package[:len(package) - (node.level - 1)] + ([node.module] if node.module else [])
            elif node.module == "ingest" or (node.module or "").startswith("ingest."):
                parts = node.module.split(".")[1:]
            else:
                continue
            base = ".".join(parts)
            if base:
                found.add(base)
            # `from . import dates` names a module; `from .x import y` may name a submodule x.y
            found.update(f"{base}.{a.name}" if base else a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name[len("ingest."):] for a in node.names if a.name.startswith("ingest."))
    return found


@functools.lru_cache(maxsize=4)
def reading_modules(root: Path = PACKAGE) -> tuple[Path, ...]:
    """The files of every module the pipeline reads with, sorted."""
    seen: dict[str, Path] = {}
    todo = [ENTRY]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name, root)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_package_imports(path, name))
    return tuple(sorted(set(seen.values())))


def reading_version(registry_path: Path | str, root: Path = PACKAGE, lexicon_dir: Path = LEXICON_DIR,
                    judgements=None) -> str:
    """'<package version>/<16 hex digits>': changes whenever a reading module, a lexicon file, the
    registry or the judgements in force (an ingest.judgements.Judgements) change. A judgement made
    on another machine and pulled with git thus reads the archive again on the next ingest (on
    the machine that made it, `archive review` has applied it already)."""
    digest = hashlib.sha256()
    if judgements:
        digest.update(f"judgements\0{judgements.digest()}\0".encode())
    files = [*reading_modules(root), *sorted(Path(lexicon_dir).glob("*.yml")), Path(registry_path)]
    for path in files:
        label = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        data = path.read_bytes()
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)
    return f"{__version__}/{digest.hexdigest()[:16]}"

"""The reading version: a hash of everything that decides how a file is read — the code of the
pure reading stages, the lexicons, the registry and the judgements in force (db/judgements.yml).
An article read under another version is read again (from its stored raw bytes) by the next
ingest, so an archive never keeps readings that the current code, lexicons, registry or
judgements would not make.

The reading stages are found, not listed: every module of the package that `ingest.pipeline`
imports, directly or through other modules, is hashed. A new reading module cannot be forgotten.
"""

from __future__ import annotations

import functools
import hashlib
import re
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
    """The ingest modules a module imports (relative or absolute), as dotted names under ingest.
    Import statements are found by pattern, not by parsing the module (ast.parse of every
    reading module cost ~0.4 s a run); an import-like line in a docstring only adds a file."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    source = path.read_text(encoding="utf-8")
    for dots, module, names in _FROM_IMPORT.findall(source):
        if dots:
            level = len(dots)
            parts = package[:len(package) - (level - 1)] + ([module] if module else [])
        elif module == "ingest" or module.startswith("ingest."):
            parts = module.split(".")[1:]
        else:
            continue
        base = ".".join(parts)
        if base:
            found.add(base)
        # `from . import dates` names a module; `from .x import y` may name a submodule x.y
        imported = (piece.split()[0] for piece in names.strip("()").replace("\n", " ").split(",") if piece.strip())
        found.update(f"{base}.{item}" if base else item for item in imported if item.isidentifier())
    for names in _IMPORT.findall(source):
        for piece in names.split(","):
            item = piece.split()[0] if piece.strip() else ""
            if item.startswith("ingest."):
                found.add(item[len("ingest."):])
    return found


_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.M)


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

"""py3langid adapter (pinned to py3langid 0.4.0): its language identifier, opened fast.

py3langid ships its model LZMA-compressed (4.5 MB, 68 MB unpacked); unpacking it costs most of a
fresh process's start-up (about 0.8 s CPU) and 100 MB of memory in every worker. The first process
therefore unpacks it once, through py3langid's own reader (`modelio.load_model`), into a cache folder
of plain NumPy arrays (`<cache>/lagebild/py3langid-<version>-<model digest>/`, where `<cache>` is
`$XDG_CACHE_HOME` or `~/.cache`); later processes memory-map those arrays (a few milliseconds, and
only the pages a text touches are read, shared by all workers). The identifier itself is py3langid's
public `LanguageIdentifier`, so results are the library's own. Where the cache cannot be written, the
model is unpacked in memory as py3langid does.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

PINNED = "0.4.0"
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def model_file() -> Path:
    from py3langid import langid

    return (
        Path(langid.MODEL_FILE)
        if Path(langid.MODEL_FILE).is_absolute()
        else langid.MODEL_DIR / langid.MODEL_FILE
    )


def cache_folder(model: Path) -> Path:
    """Where the unpacked model of this py3langid version and model file lives."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
    return base / "lagebild" / f"py3langid-{version('py3langid')}-{digest}"


def _unpack(model: Path) -> dict[str, Any]:
    """The model's arrays, as py3langid's reader returns them (decompressed in memory)."""
    import numpy as np
    from py3langid import modelio

    ptc, pc, classes, nextmove, row, output = modelio.load_model(model)
    return {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.array(classes),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "nextmove_row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
        "out_feat": np.asarray(output, dtype=np.int32),
    }


def _write(folder: Path, arrays: dict[str, Any]) -> None:
    """Write the arrays into `folder` atomically (a rename of a finished temporary folder)."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    for name in ARRAYS:
        np.save(tmp / f"{name}.npy", arrays[name], allow_pickle=False)
    try:
        tmp.rename(folder)
    except OSError:  # another process finished first: use its copy
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()


def _read(folder: Path) -> dict[str, Any] | None:
    import numpy as np

    if not all((folder / f"{n}.npy").is_file() for n in ARRAYS):
        return None
    return {n: np.load(folder / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in ARRAYS}


def load_arrays(model: Path | None = None, folder: Path | None = None) -> dict[str, Any]:
    """The model's arrays: memory-mapped from the cache, else unpacked (and cached when possible)."""
    model = model or model_file()
    folder = folder or cache_folder(model)
    arrays = _read(folder)
    if arrays is not None:
        return arrays
    arrays = _unpack(model)
    try:
        _write(folder, arrays)
    except OSError:
        return arrays  # a read-only home: work from memory, as py3langid itself does
    return _read(folder) or arrays


def identifier(arrays: dict[str, Any] | None = None) -> Any:
    """py3langid's `LanguageIdentifier` over the (memory-mapped) arrays."""
    from py3langid.langid import LanguageIdentifier

    a = arrays if arrays is not None else load_arrays()
    return LanguageIdentifier(
        a["ptc"],
        a["pc"],
        a["classes"].tolist(),
        a["nextmove"],
        a["out_feat"].tolist(),
        tk_row=a["nextmove_row"].tolist(),  # Python ints: the identifier shifts them by 8 bits
    )

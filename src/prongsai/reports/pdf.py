"""PDF renderer: a report context through the Typst template, with the packaged Sarabun fonts only."""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path

from .document import Document, Figure, flat
from .fonts import sarabun_dir

TEMPLATE = Path(__file__).parent / "templates" / "document.typ"


_LOCK = threading.Lock()


@cache
def _compiler():
    """One Typst compiler per process: it loads the Sarabun files once (a batch renders hundreds)."""
    import typst

    return typst.Compiler(font_paths=[str(sarabun_dir())], ignore_system_fonts=True)


def compile_typst(**kwargs):
    """`typst.Compiler.compile` on the process's one compiler, one call at a time: two threads compiling
    on it at once fail ("Already borrowed"), and the web's workers may use threads."""
    compiler = _compiler()
    with _LOCK:
        return compiler.compile(**kwargs)


def render_pdf(doc: Document, template: Path = TEMPLATE) -> bytes:
    """PDF bytes. Figures go to a private temporary directory that Typst reads as its root."""
    with tempfile.TemporaryDirectory(prefix="prongsai-typst-") as tmp:
        root = Path(tmp)
        files = {}
        for k, b in enumerate(flat(doc.blocks)):
            if isinstance(b, Figure):
                # The chart's PNG, not its SVG: Typst writes SVG text into the PDF's text layer out of
                # order (marks before their bases: "าผ่ น"), and the page's text must read back clean.
                name = f"figure-{k}.png"
                (root / name).write_bytes(b.png)
                files[k] = name
        main = root / "document.typ"
        shutil.copyfile(template, main)
        data = json.dumps(doc.to_json(files), ensure_ascii=False)
        return compile_typst(input=str(main), root=str(root), sys_inputs={"doc": data})

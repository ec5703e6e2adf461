"""The first import of every bench script: the project's folders on the path, bench/ off it.

`python bench/<name>.py` puts bench/ first on sys.path, where bench/http.py (the issue's
name for it) would shadow the standard library's `http` for every script.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

sys.path[:] = [path for path in sys.path if Path(path or ".").resolve() != HERE]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

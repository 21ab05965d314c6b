"""The content model outlives MkDocs: it imports nothing from it."""

import subprocess
import sys


def test_model_and_check_command_do_not_import_mkdocs():
    code = (
        "import sys, qingfeng.model, qingfeng.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

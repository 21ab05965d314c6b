"""Converting between scripts keeps the file names a text points at, and converts everything else."""

import pytest
from qingfeng.model.markup import FILE_REFERENCES
from qingfeng.model.script import Converter


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("![現場照片](media/現場.jpg)", "![现场照片](media/現場.jpg)"),
        ("![現場照片][現場]\n\n[現場]: media/現場.jpg", "![现场照片][现场]\n\n[现场]: media/現場.jpg"),
        ('![說明](x/現場.jpg "現場照片說明")', '![说明](x/現場.jpg "现场照片说明")'),
        ("詳見[附件](附件.pdf）後面的說明", "详见[附件](附件.pdf）后面的说明"),  # an unclosed link keeps no text
        ("[^1]: 據《條例》規定", "[^1]: 据《条例》规定"),  # a footnote is text
        ('<img src="media/現場.png" alt="現場">', '<img src="media/現場.png" alt="现场">'),
        ("  file: media/現場.mp4\n  title: 警示教育片", "  file: media/現場.mp4\n  title: 警示教育片"),
        ("page: 見第三頁", "page: 见第三页"),  # not a path
        ("[見上文](#以案說德)", "[见上文](#以案说德)"),  # a fragment names a heading, converted with it
    ],
)
def test_file_names_keep_their_script(traditional: str, simplified: str):
    assert Converter(kept=FILE_REFERENCES).simplified(traditional) == simplified

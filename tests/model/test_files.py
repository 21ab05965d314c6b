"""Reading files: encodings, empty files and YAML syntax errors name the file and line."""

from tests.conftest import case_body, case_meta, find, markdown


def test_bom_and_crlf_are_accepted(site):
    text = markdown(case_meta("2025-crlf"), case_body()).replace("\n", "\r\n")
    site.write("cases/2025-crlf.md", "\ufeff".encode() + text.encode("utf-8"))
    assert [case.id for case in site.load().cases] == ["2025-crlf"]


def test_gbk_file_is_an_error_naming_file_and_line(site):
    text = markdown(case_meta("2025-gbk"), case_body())
    site.write("cases/2025-gbk.md", text.encode("gbk"))
    problem = find(site.problems(), "cases/2025-gbk.md", "第")
    assert "UTF-8" in problem.message
    # The first non-ASCII character is in the title, on line 3.
    assert problem.where == "第 3 行"


def test_empty_file_is_an_error(site):
    site.write("cases/empty.md", "  \n\n")
    assert "空" in find(site.problems(), "cases/empty.md", "文件").message


def test_yaml_syntax_error_names_the_line(site):
    site.write("cases/broken.md", "---\nid: 2025-broken\ntitle: [未闭合\nsummary: 摘要\n---\n## 案情\n")
    problem = find(site.problems(), "cases/broken.md", "行")
    assert "YAML" in problem.message
    assert problem.where in ("第 3 行", "第 4 行", "第 5 行")


def test_colon_in_value_is_explained(site):
    site.write("cases/colon.md", "---\nid: 2025-colon\ntitle: 标题: 副标题\n---\n")
    problem = find(site.problems(), "cases/colon.md", "第 3 行")
    assert "冒号" in problem.message


def test_duplicate_key_is_an_error(site):
    site.write("cases/dup.md", "---\nid: 2025-dup\nid: 2025-dup2\n---\n")
    problem = find(site.problems(), "cases/dup.md", "第 3 行")
    assert "重复" in problem.message


def test_unclosed_front_matter(site):
    site.write("cases/open.md", "---\nid: 2025-open\n\n## 案情\n")
    assert "---" in find(site.problems(), "cases/open.md", "第 1 行").message


def test_binary_garbage_gives_a_message_not_a_traceback(site):
    site.write("content/quizzes/bank.yml", bytes(range(256)))
    problem = find(site.problems(), "content/quizzes/bank.yml", "")
    assert problem.message


def test_broken_front_matter_of_an_ordinary_page_is_reported(site):
    # MkDocs alone would drop this front matter silently.
    site.write("content/about.md", "---\ntitle: 关于\n  bad: [\n---\n正文\n")
    assert "YAML" in find(site.problems(), "content/about.md", "行").message

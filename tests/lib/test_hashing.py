import functools
import hashlib
import io

from amicable.lib.hashing import hash_many, sha256_file, sha256_stream


def test_it_hashes_a_file_in_chunks(tmp_path):
    data = bytes(range(256)) * 5000  # spans several chunks
    p = tmp_path / "f.bin"
    p.write_bytes(data)
    assert sha256_file(str(p), chunk=4096) == (hashlib.sha256(data).hexdigest(), len(data))


def test_it_hashes_streams_without_readinto():
    class Plain:
        def __init__(self):
            self.inner = io.BytesIO(b"abc" * 10)

        def read(self, n):
            return self.inner.read(n)

    assert sha256_stream(Plain(), chunk=7) == (hashlib.sha256(b"abc" * 10).hexdigest(), 30)


def test_it_hashes_many_in_order_and_reports_missing_files(tmp_path):
    paths = []
    for i in range(12):
        p = tmp_path / f"{i}.bin"
        p.write_bytes(str(i).encode() * 100)
        paths.append(p)
    paths.insert(5, tmp_path / "missing.bin")
    results = list(hash_many(((p.name, functools.partial(p.open, "rb")) for p in paths), workers=2))
    assert [r[0] for r in results] == [p.name for p in paths]
    missing = results[5]
    assert missing[1] is None and "FileNotFoundError" in missing[3]
    assert results[0][1] == hashlib.sha256(b"0" * 100).hexdigest()

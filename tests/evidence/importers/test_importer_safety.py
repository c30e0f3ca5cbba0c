import stat
import zipfile

import pytest

from amicable.evidence.importers.safety import (
    ArchiveRejected,
    MemberRejected,
    SafeZip,
    ZipLimits,
    member_problem,
    safe_filename,
)


def _info(name, **attrs):
    info = zipfile.ZipInfo(name)
    for key, value in attrs.items():
        setattr(info, key, value)
    return info


def _write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry, data in entries:
            zf.writestr(entry, data)
    return path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/passwd", "absolute path in archive"),
        ("C:/Windows/evil.dll", "absolute path in archive"),
        ("media/../../evil.sh", "path traversal ('..') in archive member name"),
        ("media\\..\\evil.sh", "path traversal ('..') in archive member name"),
    ],
)
def test_it_refuses_member_names_that_leave_the_archive(name, reason):
    assert member_problem(_info(name), ZipLimits()) == reason


def test_it_refuses_symlinks_and_encrypted_members():
    link = _info("link", create_system=3, external_attr=(stat.S_IFLNK | 0o777) << 16)
    assert member_problem(link, ZipLimits()) == "symbolic link in archive"
    assert member_problem(_info("secret.txt", flag_bits=0x1), ZipLimits()) == "encrypted archive member"
    assert member_problem(_info("fine.txt"), ZipLimits()) == ""


def test_it_refuses_a_high_compression_ratio_only_above_the_floor():
    limits = ZipLimits(max_ratio=100, ratio_floor_bytes=1000)
    assert member_problem(_info("small", file_size=900, compress_size=1), limits) == ""
    reason = member_problem(_info("bomb", file_size=200_000, compress_size=1000), limits)
    assert reason == "compression ratio 200:1 over the limit 100:1 (zip bomb?)"
    too_big = member_problem(_info("big", file_size=10, compress_size=10), ZipLimits(max_member_bytes=5))
    assert too_big == "member too large (10 bytes, limit 5)"


def test_it_refuses_whole_archives_over_the_total_size_or_member_count(tmp_path):
    path = _write(tmp_path / "a.zip", [("a.txt", b"a" * 600), ("b.txt", b"b" * 600)])
    with pytest.raises(
        ArchiveRejected, match=r"total uncompressed size 1200 bytes over the limit 1000 \(zip bomb\?\)"
    ):
        SafeZip(path, ZipLimits(max_total_bytes=1000))
    with pytest.raises(ArchiveRejected, match=r"too many members \(2, limit 1\)"):
        SafeZip(path, ZipLimits(max_members=1))


def test_it_refuses_corrupt_and_non_zip_files(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04not really a zip")
    with pytest.raises(ArchiveRejected, match="not a readable zip archive"):
        SafeZip(junk)
    good = _write(tmp_path / "good.zip", [("a.txt", b"hello " * 1000)])
    data = bytearray(good.read_bytes())
    start = data.index(b"a.txt") + 5
    data[start : start + 20] = b"\xff" * 20  # break the compressed stream, keep the directory
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    with SafeZip(broken) as archive, pytest.raises(MemberRejected, match="corrupt archive member"):
        archive.read(archive.members[0])


def test_it_stops_a_member_that_inflates_past_its_declared_size(tmp_path):
    path = _write(tmp_path / "lie.zip", [("a.txt", b"a" * 5000)])
    with SafeZip(path) as archive:
        archive.members[0].file_size = 100  # what a lying directory would say
        with pytest.raises(MemberRejected):
            archive.read(archive.members[0])


def test_it_stops_reading_past_the_total_limit_even_when_declared_sizes_are_small(tmp_path):
    path = _write(tmp_path / "many.zip", [(f"{i}.txt", b"x" * 400) for i in range(3)])
    with SafeZip(path) as archive:
        archive.limits = ZipLimits(max_total_bytes=1000)  # as if the directory had declared less
        archive.read(archive.members[0])
        archive.read(archive.members[1])
        with pytest.raises(MemberRejected, match="archive inflates past the total size limit"):
            archive.read(archive.members[2])


def test_it_extracts_only_directly_inside_the_tmpdir_under_a_clean_name(tmp_path):
    path = _write(tmp_path / "a.zip", [("deep/dir/re port?.pdf", b"%PDF"), ("x/.hidden", b"h")])
    out = tmp_path / "out"
    out.mkdir()
    with SafeZip(path) as archive:
        first = archive.extract(archive.members[0], out)
        second = archive.extract(archive.members[1], out)
    assert first == out.resolve() / "000001-re port_.pdf"
    assert second == out.resolve() / "000002-hidden"
    assert first.read_bytes() == b"%PDF"
    assert sorted(p.name for p in out.iterdir()) == ["000001-re port_.pdf", "000002-hidden"]


def test_it_lists_rejected_members_with_their_reasons(tmp_path):
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ok.txt", b"ok")
        zf.writestr(
            _info("link", create_system=3, external_attr=(stat.S_IFLNK | 0o777) << 16), b"/etc/passwd"
        )
        zf.writestr("../up.txt", b"up")
    with SafeZip(path) as archive:
        assert archive.names() == ["ok.txt"]
        assert archive.rejected == [
            ("link", "symbolic link in archive"),
            ("../up.txt", "path traversal ('..') in archive member name"),
        ]


def test_it_cleans_file_names():
    assert safe_filename("a/b/c.txt") == "c.txt"
    assert safe_filename("..") == "file"
    assert safe_filename('we<ird>:"name|?*.txt') == "we_ird___name___.txt"

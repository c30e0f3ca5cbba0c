"""Known-answer tests for amicable.lib.merkle against an independent, naive RFC 9162 implementation."""

import hashlib
import random

import pytest

from amicable.lib import merkle as m

# Test leaves and roots from the RFC 6962 reference test data (certificate-transparency).
LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION_0_OF_8 = [
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
]
CONSISTENCY = {
    (1, 8): INCLUSION_0_OF_8,
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}


# --- naive reference, written straight from the RFC 9162 definitions -------------------------------
def ref_mth(data: list[bytes]) -> bytes:
    n = len(data)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + ref_mth(data[:k]) + ref_mth(data[k:])).digest()


def ref_path(i: int, data: list[bytes]) -> list[bytes]:
    n = len(data)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if i < k:
        return ref_path(i, data[:k]) + [ref_mth(data[k:])]
    return ref_path(i - k, data[k:]) + [ref_mth(data[:k])]


def ref_subproof(mm: int, data: list[bytes], b: bool) -> list[bytes]:
    n = len(data)
    if mm == n:
        return [] if b else [ref_mth(data)]
    k = 1
    while k * 2 < n:
        k *= 2
    if mm <= k:
        return ref_subproof(mm, data[:k], b) + [ref_mth(data[k:])]
    return ref_subproof(mm - k, data[k:], False) + [ref_mth(data[:k])]


def leaves_of(data):
    return [m.leaf_hash(d) for d in data]


def data_of(n, seed=0):
    rng = random.Random(seed)
    return [rng.randbytes(rng.randint(0, 40)) for _ in range(n)]


# --- fixed vectors ----------------------------------------------------------------------------------
def test_it_hashes_the_empty_tree_as_sha256_of_nothing():
    assert m.EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert m.CompactRange().root() == m.EMPTY_ROOT


@pytest.mark.parametrize("n", range(1, 9))
def test_it_matches_the_rfc6962_reference_roots(n):
    assert m.root_of(leaves_of(LEAVES[:n])).hex() == ROOTS[n - 1]
    assert ref_mth(LEAVES[:n]).hex() == ROOTS[n - 1]


def test_it_matches_the_reference_inclusion_path():
    idx = m.SubtreeIndex(leaves_of(LEAVES))
    assert [h.hex() for h in m.inclusion_proof(0, 8, idx)] == INCLUSION_0_OF_8


@pytest.mark.parametrize(("old", "new"), list(CONSISTENCY))
def test_it_matches_the_reference_consistency_proofs(old, new):
    idx = m.SubtreeIndex(leaves_of(LEAVES))
    assert [h.hex() for h in m.consistency_proof(old, new, idx)] == CONSISTENCY[(old, new)]


# --- against the naive implementation ---------------------------------------------------------------
def test_it_computes_roots_incrementally_like_the_definition():
    data = data_of(70)
    cr = m.CompactRange()
    for n, d in enumerate(data, start=1):
        cr.append(m.leaf_hash(d))
        assert cr.size == n
        assert len(cr.hashes) == bin(n).count("1")
        assert cr.root() == ref_mth(data[:n])


def test_it_round_trips_a_compact_range_through_bytes():
    cr = m.CompactRange()
    cr.extend(leaves_of(data_of(13)))
    again = m.CompactRange.from_bytes(13, cr.to_bytes())
    again.append(m.leaf_hash(b"x"))
    cr.append(m.leaf_hash(b"x"))
    assert again.root() == cr.root()


def test_it_builds_and_verifies_every_inclusion_proof():
    for n in range(1, 34):
        data = data_of(n, seed=n)
        idx = m.SubtreeIndex(leaves_of(data))
        root = ref_mth(data)
        for i in range(n):
            proof = m.inclusion_proof(i, n, idx)
            assert proof == ref_path(i, data)
            assert m.verify_inclusion(i, n, m.leaf_hash(data[i]), proof, root)


def test_it_builds_and_verifies_every_consistency_proof():
    data = data_of(33, seed=5)
    idx = m.SubtreeIndex(leaves_of(data))
    for new in range(1, 34):
        new_root = ref_mth(data[:new])
        for old in range(1, new + 1):
            proof = m.consistency_proof(old, new, idx)
            assert proof == ref_subproof(old, data[:new], True)
            assert m.verify_consistency(old, new, ref_mth(data[:old]), new_root, proof)


def test_it_answers_proofs_for_a_prefix_of_a_bigger_index():
    data = data_of(20)
    idx = m.SubtreeIndex(leaves_of(data))
    assert m.inclusion_proof(3, 11, idx) == ref_path(3, data[:11])
    assert m.consistency_proof(5, 11, idx) == ref_subproof(5, data[:11], True)


# --- rejection ----------------------------------------------------------------------------------------
def test_it_rejects_a_tampered_inclusion_proof():
    data = data_of(10)
    idx = m.SubtreeIndex(leaves_of(data))
    root = ref_mth(data)
    proof = m.inclusion_proof(4, 10, idx)
    leaf = m.leaf_hash(data[4])
    assert not m.verify_inclusion(4, 10, m.leaf_hash(b"other"), proof, root)
    assert not m.verify_inclusion(5, 10, leaf, proof, root)
    assert not m.verify_inclusion(4, 10, leaf, proof[:-1], root)
    assert not m.verify_inclusion(4, 10, leaf, [*proof, proof[0]], root)
    bad = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
    assert not m.verify_inclusion(4, 10, leaf, bad, root)
    assert not m.verify_inclusion(10, 10, leaf, proof, root)


def test_it_rejects_a_tampered_consistency_proof():
    data = data_of(12)
    idx = m.SubtreeIndex(leaves_of(data))
    old_root, new_root = ref_mth(data[:5]), ref_mth(data)
    proof = m.consistency_proof(5, 12, idx)
    assert m.verify_consistency(5, 12, old_root, new_root, proof)
    assert not m.verify_consistency(5, 12, ref_mth(data[:4]), new_root, proof)
    assert not m.verify_consistency(5, 12, old_root, ref_mth(data[:11]), proof)
    assert not m.verify_consistency(5, 12, old_root, new_root, proof[:-1])
    assert not m.verify_consistency(5, 12, old_root, new_root, [*proof, proof[0]])
    assert not m.verify_consistency(6, 12, old_root, new_root, proof)
    assert not m.verify_consistency(0, 12, old_root, new_root, proof)
    assert not m.verify_consistency(12, 12, new_root, new_root, proof)
    assert m.verify_consistency(12, 12, new_root, new_root, [])


def test_it_refuses_impossible_arguments_with_a_clear_error():
    idx = m.SubtreeIndex(leaves_of(data_of(4)))
    with pytest.raises(m.MerkleError, match="outside a tree of 4"):
        m.inclusion_proof(4, 4, idx)
    with pytest.raises(m.MerkleError, match="no consistency proof from size 5 to size 4"):
        m.consistency_proof(5, 4, idx)
    with pytest.raises(m.MerkleError, match="must be 32 bytes"):
        m.CompactRange().append(b"short")
    with pytest.raises(m.MerkleError, match="needs 2 hashes"):
        m.CompactRange(3, [m.EMPTY_ROOT])
    with pytest.raises(m.MerkleError, match="not an aligned subtree"):
        idx.range_hash(1, 3)


def test_it_reports_completed_subtrees_while_appending():
    seen = []
    cr = m.CompactRange()
    cr.on_subtree = lambda height, index, h: seen.append((height, index, h))
    data = data_of(9)
    cr.extend(leaves_of(data))
    tiles = [(i, h) for height, i, h in seen if height == 2]
    assert [i for i, _ in tiles] == [0, 1]
    assert tiles[1][1] == ref_mth(data[4:8])
    assert (3, 0, ref_mth(data[:8])) in seen


def test_it_builds_the_same_proofs_from_tiles():
    for n in (1, 5, 16, 37, 64, 100):
        data = data_of(n, seed=n)
        leaves = leaves_of(data)
        roots = [ref_mth(data[i : i + 8]) for i in range(0, n - n % 8, 8)]
        fetched = []

        def tile(number, leaves=leaves, fetched=fetched):
            fetched.append(number)
            return leaves[number * 8 : number * 8 + 8]

        tiled = m.TiledHasher(n, 3, roots, tile)
        full = m.SubtreeIndex(leaves)
        for i in range(n):
            assert m.inclusion_proof(i, n, tiled) == m.inclusion_proof(i, n, full)
        for old in range(1, n + 1):
            assert m.consistency_proof(old, n, tiled) == m.consistency_proof(old, n, full)
        assert len(set(fetched)) <= (n + 7) // 8


def test_it_refuses_a_wrong_number_of_tiles():
    with pytest.raises(m.MerkleError, match="has 2 complete tiles, got 1"):
        m.TiledHasher(17, 3, [m.EMPTY_ROOT], lambda t: [])

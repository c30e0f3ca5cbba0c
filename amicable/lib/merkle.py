"""Merkle tree hashing as defined by RFC 9162 (Certificate Transparency 2.0), section 2.1.

Leaf hash:  SHA-256(0x00 || data).   Interior node: SHA-256(0x01 || left || right).
The tree head of n leaves, MTH(D[n]), splits at the largest power of two strictly below n.

This module is pure (no Django). It provides:

* ``leaf_hash`` / ``node_hash`` / ``EMPTY_ROOT``;
* ``CompactRange``: the "frontier" of a growing tree (one hash per set bit of n), so appending a
  leaf costs O(log n) and the root of the current tree is available at any time;
* ``SubtreeIndex``: all perfect-subtree hashes of a list of leaves, answering the hash of any
  subtree range in O(log n), used to build proofs;
* inclusion proofs (``inclusion_proof`` / ``verify_inclusion``) and consistency proofs
  (``consistency_proof`` / ``verify_consistency``), following RFC 9162 2.1.3 and 2.1.4.

Proof builders take a ``RangeHasher``: any callable ``(start, end) -> MTH(D[start:end])``, so the
caller decides where the hashes come from (memory, a database, cached tiles).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()

RangeHasher = Callable[[int, int], bytes]


class MerkleError(ValueError):
    """Raised for impossible arguments (an index outside the tree, a malformed hash)."""


def leaf_hash(data: bytes) -> bytes:
    """Return the RFC 9162 hash of one leaf: SHA-256(0x00 || data)."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 9162 hash of an interior node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _largest_power_of_two_below(n: int) -> int:
    """Return the largest power of two k with k < n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise MerkleError(f"{what} must be {HASH_SIZE} bytes, got {len(value)}")


class CompactRange:
    """The frontier of a Merkle tree: the roots of its perfect left subtrees, largest first.

    For n leaves there is one hash per set bit of n. ``append`` merges equal-sized subtrees like a
    binary counter (amortised O(1), worst case O(log n)); ``root`` folds them right to left, which is
    exactly MTH(D[n]) because RFC 9162 splits at the largest power of two below n.
    """

    __slots__ = ("_hashes", "_size", "on_subtree")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if size < 0:
            raise MerkleError("tree size cannot be negative")
        if len(hashes) != bin(size).count("1"):
            raise MerkleError(
                f"a compact range of {size} leaves needs {bin(size).count('1')} hashes, got {len(hashes)}"
            )
        for h in hashes:
            _check_hash(h, "frontier hash")
        self._size = size
        self._hashes = list(hashes)
        # Called as on_subtree(height, index, hash) whenever a perfect subtree of 2**height leaves
        # (index counted at that height) is completed by an append: used to store tile roots.
        self.on_subtree: Callable[[int, int, bytes], None] | None = None

    @property
    def size(self) -> int:
        """Return the number of leaves appended so far."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """Return the frontier hashes, largest subtree first."""
        return tuple(self._hashes)

    def append(self, leaf: bytes) -> None:
        """Append one leaf *hash* (use ``leaf_hash(data)`` first)."""
        _check_hash(leaf, "leaf hash")
        self._append(leaf)

    def _append(self, h: bytes) -> None:
        n = self._size
        stack = self._hashes
        stack.append(h)
        height = 0
        while n & 1:
            right = stack.pop()
            stack[-1] = hashlib.sha256(NODE_PREFIX + stack[-1] + right).digest()
            n >>= 1
            height += 1
            if self.on_subtree is not None:
                self.on_subtree(height, ((self._size + 1) >> height) - 1, stack[-1])
        self._size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Append many leaf hashes."""
        for h in leaves:
            _check_hash(h, "leaf hash")
            self._append(h)

    def root(self) -> bytes:
        """Return MTH of the leaves appended so far (SHA-256 of the empty string when none)."""
        if not self._hashes:
            return EMPTY_ROOT
        h = self._hashes[-1]
        for left in reversed(self._hashes[:-1]):
            h = node_hash(left, h)
        return h

    def copy(self) -> CompactRange:
        """Return an independent copy."""
        return CompactRange(self._size, self._hashes)

    def to_bytes(self) -> bytes:
        """Return the frontier hashes concatenated (the size is stored beside it)."""
        return b"".join(self._hashes)

    @classmethod
    def from_bytes(cls, size: int, data: bytes) -> CompactRange:
        """Rebuild a compact range from ``size`` and ``to_bytes()`` output."""
        if len(data) % HASH_SIZE:
            raise MerkleError("frontier bytes are not a whole number of hashes")
        hashes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
        return cls(size, hashes)


def root_of(leaves: Iterable[bytes]) -> bytes:
    """Return MTH of the given leaf hashes, in O(n) time and O(log n) memory."""
    cr = CompactRange()
    cr.extend(leaves)
    return cr.root()


class SubtreeIndex:
    """Every perfect-subtree hash over a list of leaf hashes (about 2n hashes in memory).

    ``levels[k][i]`` is the hash of leaves [i*2^k, (i+1)*2^k). ``range_hash(start, end)`` returns
    MTH(D[start:end]) for any range whose left part is aligned the way RFC 9162 subtrees are, by
    combining at most O(log n) stored hashes.
    """

    def __init__(self, leaves: Sequence[bytes]) -> None:
        for h in leaves:
            _check_hash(h, "leaf hash")
        self.levels: list[list[bytes]] = [list(leaves)]
        level = self.levels[0]
        while len(level) > 1:
            level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            self.levels.append(level)

    @property
    def size(self) -> int:
        """Return the number of leaves."""
        return len(self.levels[0])

    def range_hash(self, start: int, end: int) -> bytes:
        """Return MTH(D[start:end]); ``start`` must be a multiple of the largest power of 2 <= end-start."""
        if not 0 <= start < end <= self.size:
            raise MerkleError(f"range [{start}, {end}) is outside a tree of {self.size} leaves")
        n = end - start
        if n & (n - 1) == 0:
            k = n.bit_length() - 1
            if start % n:
                raise MerkleError(f"range [{start}, {end}) is not an aligned subtree")
            return self.levels[k][start >> k]
        k = _largest_power_of_two_below(n)
        return node_hash(self.range_hash(start, start + k), self.range_hash(start + k, end))

    def __call__(self, start: int, end: int) -> bytes:
        return self.range_hash(start, end)


class TiledHasher:
    """MTH of any proof range of a tree of ``size`` leaves, from stored tile roots and a few leaves.

    A tile is a perfect subtree of 2**height leaves. ``tile_roots`` are the roots of the complete
    tiles, in order; ``leaves_of(tile)`` returns the leaf hashes of one tile (the last one may be
    partial). A proof then reads about size / 2**height tile roots and the leaves of at most two tiles,
    instead of every leaf.
    """

    def __init__(self, size: int, height: int, tile_roots: Sequence[bytes],
                 leaves_of: Callable[[int], Sequence[bytes]]) -> None:
        self.size, self.height, self.width = size, height, 1 << height
        if len(tile_roots) != size >> height:
            raise MerkleError(f"a tree of {size} leaves has {size >> height} complete tiles, got {len(tile_roots)}")
        self.tiles = SubtreeIndex(tile_roots) if tile_roots else None
        self._leaves_of = leaves_of
        self._cache: dict[int, SubtreeIndex] = {}

    def _tile(self, number: int) -> SubtreeIndex:
        if number not in self._cache:
            self._cache[number] = SubtreeIndex(self._leaves_of(number))
        return self._cache[number]

    def range_hash(self, start: int, end: int) -> bytes:
        """Return MTH(D[start:end]) for a range of the shape RFC 9162 proofs use."""
        if not 0 <= start < end <= self.size:
            raise MerkleError(f"range [{start}, {end}) is outside a tree of {self.size} leaves")
        n = end - start
        if n & (n - 1):
            k = _largest_power_of_two_below(n)
            return node_hash(self.range_hash(start, start + k), self.range_hash(start + k, end))
        if start % n:
            raise MerkleError(f"range [{start}, {end}) is not an aligned subtree")
        if n >= self.width:
            assert self.tiles is not None
            k = (n >> self.height).bit_length() - 1
            return self.tiles.levels[k][(start >> self.height) >> k]
        tile = self._tile(start >> self.height)
        offset = start & (self.width - 1)
        return tile.range_hash(offset, offset + n)

    def __call__(self, start: int, end: int) -> bytes:
        return self.range_hash(start, end)


def inclusion_proof(index: int, size: int, hasher: RangeHasher) -> list[bytes]:
    """Return the audit path PATH(index, D[size]) of RFC 9162 2.1.3.1, nearest sibling first."""
    if not 0 <= index < size:
        raise MerkleError(f"leaf index {index} is outside a tree of {size} leaves")
    path: list[bytes] = []
    start, end = 0, size
    # Walk down from the root, collecting the sibling of each subtree that holds the leaf.
    while end - start > 1:
        k = _largest_power_of_two_below(end - start)
        if index < start + k:
            path.append(hasher(start + k, end))
            end = start + k
        else:
            path.append(hasher(start, start + k))
            start = start + k
    path.reverse()
    return path


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """Return the root implied by ``proof`` for ``leaf`` at ``index``, per RFC 9162 2.1.3.2.

    Raises MerkleError when the proof has the wrong shape for (index, size).
    """
    if not 0 <= index < size:
        raise MerkleError(f"leaf index {index} is outside a tree of {size} leaves")
    _check_hash(leaf, "leaf hash")
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        _check_hash(p, "proof hash")
        if sn == 0:
            raise MerkleError("inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise MerkleError("inclusion proof is too short")
    return r


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    """Return True when ``proof`` shows ``leaf`` at ``index`` in the tree of ``size`` with ``root``."""
    try:
        return root_from_inclusion_proof(index, size, leaf, proof) == root
    except MerkleError:
        return False


def consistency_proof(old_size: int, new_size: int, hasher: RangeHasher) -> list[bytes]:
    """Return PROOF(old_size, D[new_size]) of RFC 9162 2.1.4.1 (empty when the sizes are equal)."""
    if not 0 < old_size <= new_size:
        raise MerkleError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size == new_size:
        return []
    proof: list[bytes] = []
    # SUBPROOF(m, D[start:end], b), unrolled: each step descends into one side of the split.
    m, start, end, complete = old_size, 0, new_size, True
    while True:
        n = end - start
        if m == n:
            if not complete:
                proof.append(hasher(start, end))
            break
        k = _largest_power_of_two_below(n)
        if m <= k:
            proof.append(hasher(start + k, end))
            end = start + k
        else:
            proof.append(hasher(start, start + k))
            start, m, complete = start + k, m - k, False
    proof.reverse()
    return proof


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Return True when ``proof`` shows the tree (new_size, new_root) extends (old_size, old_root).

    Follows the verification algorithm of RFC 9162 2.1.4.2.
    """
    if not 0 < old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if any(len(p) != HASH_SIZE for p in proof):
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        # old tree is a perfect subtree: its root is the implied first element of the proof.
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0

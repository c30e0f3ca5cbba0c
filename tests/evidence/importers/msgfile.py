"""Writes minimal Outlook .msg files (OLE compound file, version 3) for the importer tests.

Just enough of [MS-CFB] and [MS-OXMSG] for extract-msg to read a message back: a root storage with
property streams, the transport headers, and attachment storages. Small streams go to the mini
stream, as the format requires.
"""

import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _utf16(text):
    return text.encode("utf-16-le")


def _props(header_size, fixed):
    """A __properties_version1.0 stream: header, then 16-byte entries (tag, flags, 8-byte value)."""
    body = b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in fixed)
    return b"\x00" * header_size + body


def message_streams(*, subject, body, sender, to, headers, attachments=()):
    """Returns {path tuple: bytes or None (a storage)} for a simple IPM.Note."""
    top_header = struct.pack("<8xIIII8x", 0, len(attachments), 0, len(attachments))
    tree = {
        ("__nameid_version1.0",): None,
        ("__nameid_version1.0", "__substg1.0_00020102"): b"",
        ("__nameid_version1.0", "__substg1.0_00030102"): b"",
        ("__nameid_version1.0", "__substg1.0_00040102"): b"",
        ("__properties_version1.0",): top_header + _props(0, []),
        ("__substg1.0_001A001F",): _utf16("IPM.Note"),
        ("__substg1.0_0037001F",): _utf16(subject),
        ("__substg1.0_1000001F",): _utf16(body),
        ("__substg1.0_0C1A001F",): _utf16(sender),
        ("__substg1.0_0E04001F",): _utf16(to),
        ("__substg1.0_007D001F",): _utf16(headers),
    }
    for index, (name, mime, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{index:08X}"
        tree[(storage,)] = None
        tree[(storage, "__properties_version1.0")] = _props(8, [(0x37050003, 1), (0x0E210003, index)])
        tree[(storage, "__substg1.0_3707001F")] = _utf16(name)
        tree[(storage, "__substg1.0_3704001F")] = _utf16(name[:8])
        tree[(storage, "__substg1.0_370E001F")] = _utf16(mime)
        tree[(storage, "__substg1.0_37010102")] = data
    return tree


def _entry(name, kind, child=NOSTREAM, right=NOSTREAM, start=END, size=0):
    raw = _utf16(name) + b"\x00\x00"
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + b"\x00" * 16
        + struct.pack("<I", 0)
        + b"\x00" * 16
        + struct.pack("<IQ", start, size)
    )


def _chain(fat, first, count):
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else END


def build(tree):
    """Returns the bytes of a compound file holding ``tree`` ({path: bytes, or None for a storage})."""
    paths = sorted(tree, key=lambda p: (len(p), p))
    ids = {(): 0}
    for path in paths:
        ids[path] = len(ids)
    children = {(): []}
    for path in paths:
        children.setdefault(path[:-1], []).append(path)
        if tree[path] is None:
            children.setdefault(path, [])

    # Mini stream: small streams, 64-byte mini sectors.
    mini_data, mini_fat, placement = b"", [], {}
    for path in paths:
        data = tree[path]
        if data is None or not data or len(data) >= CUTOFF:
            continue
        start = len(mini_data) // MINI
        count = -(-len(data) // MINI)
        mini_data += data.ljust(count * MINI, b"\x00")
        mini_fat.extend(start + i + 1 if i < count - 1 else END for i in range(count))
        placement[path] = ("mini", start)

    # Regular sectors: mini FAT, mini stream container, big streams, directory, then the FAT.
    sectors, fat = [], {}

    def add(data):
        start = len(sectors)
        count = max(1, -(-len(data) // SECTOR))
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\x00"))
        _chain(fat, start, count)
        return start, count

    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    mini_fat_start, mini_fat_count = add(mini_fat_bytes) if mini_fat else (END, 0)
    mini_stream_start = add(mini_data)[0] if mini_data else END
    for path in paths:
        data = tree[path]
        if data is not None and len(data) >= CUTOFF:
            placement[path] = ("big", add(data)[0])

    entries = [b""] * len(ids)

    def link(parent):
        kids = sorted(children.get(parent, []), key=lambda p: (len(p[-1]), p[-1].upper()))
        return [ids[k] for k in kids]

    for path in [(), *paths]:
        kid_ids = link(path)
        child = kid_ids[0] if kid_ids else NOSTREAM
        siblings = link(path[:-1]) if path else []
        right = NOSTREAM
        if path:
            position = siblings.index(ids[path])
            right = siblings[position + 1] if position + 1 < len(siblings) else NOSTREAM
        if path == ():
            entries[0] = _entry("Root Entry", 5, child, NOSTREAM, mini_stream_start, len(mini_data))
        elif tree[path] is None:
            entries[ids[path]] = _entry(path[-1], 1, child, right, 0, 0)
        else:
            data = tree[path]
            start = placement[path][1] if path in placement else END
            entries[ids[path]] = _entry(path[-1], 2, NOSTREAM, right, start, len(data))
    directory = b"".join(entries)
    directory += b"\x00" * ((-len(directory)) % SECTOR)
    directory_start, _ = add(directory)

    # The FAT covers every sector including its own.
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_start = len(sectors)
    table = [fat.get(i, FREE) for i in range(len(sectors))] + [FATSECT] * fat_count
    table += [FREE] * (fat_count * (SECTOR // 4) - len(table))
    fat_bytes = b"".join(struct.pack("<I", v) for v in table)
    sectors.extend(fat_bytes[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_count))

    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack(
            "<IIIIIIIII", 0, fat_count, directory_start, 0, CUTOFF, mini_fat_start, mini_fat_count, END, 0
        )
        + b"".join(struct.pack("<I", v) for v in difat)
    )
    assert len(header) == SECTOR
    return header + b"".join(sectors)

"""Document sets as Python integers: AND, OR and counts run in C, which is what makes facets cheap."""

from __future__ import annotations

from typing import Iterable

#: For every byte value, the positions of its set bits.
_BIT_POSITIONS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


def from_ids(ids: Iterable[int], size: int) -> int:
    """Pack document numbers into a bit set.

    :param ids: document numbers below ``size``.
    :param size: the number of documents in the index (documents numbered ``0 .. size-1``).
    """
    buffer = bytearray((size >> 3) + 1)
    for docnum in ids:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


def to_ids(bits: int) -> list[int]:
    """Unpack a bit set into sorted document numbers."""
    result = []
    data = bits.to_bytes((bits.bit_length() >> 3) + 1, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            result.extend(base + bit for bit in _BIT_POSITIONS[byte])
    return result

"""A rough passphrase strength estimate for feedback while typing (not a policy).

The policy is the minimum length (``storage.check_passphrase_strength``); this estimate only
tells people whether their choice is weak. It counts the character pool and penalises
repeats and sequences; long multi-word passphrases score best."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

WEAK, FAIR, GOOD, STRONG = 1, 2, 3, 4


@dataclass(frozen=True)
class Strength:
    bits: float
    score: int  # 0 (unusable) .. 4 (strong)


def _pool(passphrase: str) -> int:
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(c in string.punctuation or c == " " for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 60  # umlauts, ß, other scripts
    return max(pool, 1)


def _effective_length(passphrase: str) -> float:
    """Length with repeated and sequential characters counted as half."""
    length = 0.0
    for index, char in enumerate(passphrase):
        previous = passphrase[index - 1] if index else None
        if previous is not None and (char == previous or ord(char) - ord(previous) == 1):
            length += 0.5
        else:
            length += 1
    return length


def estimate_strength(passphrase: str, minimum_length: int = 12) -> Strength:
    if not passphrase:
        return Strength(0.0, 0)
    distinct = len(set(passphrase.lower()))
    bits = _effective_length(passphrase) * math.log2(_pool(passphrase))
    bits = min(bits, distinct * 8.0)  # "aaaaaaaaaaaaaaaa" is not strong however long
    if len(passphrase) < minimum_length:
        return Strength(bits, 0)
    if bits < 50:
        score = WEAK
    elif bits < 70:
        score = FAIR
    elif bits < 90:
        score = GOOD
    else:
        score = STRONG
    return Strength(bits, score)

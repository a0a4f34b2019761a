"""Machine-readable zones (ICAO 9303): find TD1 (3x30), TD2 (2x36, also the pre-2021 French
identity card), TD3 (2x44) and MRV visas in OCR text and check their 7-3-1 check digits."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WEIGHTS = (7, 3, 1)
_LINE = re.compile(r"[A-Z0-9<]{26,46}")


def check_digit(field: str) -> str:
    total = 0
    for i, ch in enumerate(field):
        if ch.isdigit():
            v = int(ch)
        elif ch.isalpha():
            v = ord(ch) - 55
        else:
            v = 0
        total += v * _WEIGHTS[i % 3]
    return str(total % 10)


def _ok(field: str, digit: str) -> bool:
    return digit.isdigit() and check_digit(field) == digit


@dataclass(frozen=True)
class MrzResult:
    kind: str
    doc_type: str
    country: str
    number: str
    checks_passed: int
    checks_total: int

    @property
    def valid(self) -> bool:
        return self.checks_passed >= 2 and self.checks_passed >= self.checks_total - 1


def _clean(line: str) -> str:
    line = line.upper().replace(" ", "").replace("«", "<").replace("‹", "<")
    return re.sub(r"[^A-Z0-9<]", "", line)


def find_mrz(text: str) -> MrzResult | None:
    lines = [_clean(x) for x in text.splitlines()]
    lines = [x for x in lines if len(x) >= 26 and x.count("<") >= 2]
    best = None
    for i in range(len(lines)):
        for res in (_td3(lines, i), _td1(lines, i), _td2(lines, i), _td3_second_line(lines, i)):
            if res and (best is None or res.checks_passed > best.checks_passed):
                best = res
    return best if best and best.checks_passed >= 2 else None


def _fix_digits(s: str) -> str:
    return s.translate(str.maketrans("OQDIZSB", "0001258"))


def _second_line_fields(l2: str) -> tuple[str, str, str, str, str, str]:
    """Document number, birth and expiry dates with their check digits, where TD2 and TD3 put them
    on the second line (look-alike letters in the dates read as digits)."""
    return (l2[0:9], l2[9], _fix_digits(l2[13:19]), _fix_digits(l2[19]), _fix_digits(l2[21:27]),
            _fix_digits(l2[27]))


def _td3(lines, i):
    if i + 1 >= len(lines):
        return None
    l1, l2 = lines[i], lines[i + 1]
    if len(l2) < 44 or not l1.startswith(("P", "V")):
        return None
    l2 = l2[:44]
    num, cn, birth, cb, exp, ce = _second_line_fields(l2)
    checks = [_ok(num, cn), _ok(birth, cb), _ok(exp, ce)]
    if l1.startswith("P"):
        comp = l2[0:10] + l2[13:20] + l2[21:43]
        checks.append(_ok(comp, _fix_digits(l2[43])))
    kind = "TD3 passport" if l1.startswith("P") else "MRV-A visa"
    return MrzResult(kind, l1[:2].replace("<", ""), l1[2:5].replace("<", ""), num.replace("<", ""),
                     sum(checks), len(checks))


def _td3_second_line(lines, i):
    """A passport's second MRZ line alone (the first one is often lost in a tinted background):
    counted only when all four of its check digits hold (a chance of about 1 in 10,000)."""
    l2 = lines[i]
    if len(l2) < 44:
        return None
    l2 = l2[:44]
    _num, _cn, birth, cb, exp, ce = _second_line_fields(l2)
    if not (_ok(birth, cb) and _ok(exp, ce)) or not l2[10:13].replace("<", "").isalpha():
        return None
    # document numbers mix letters and digits: try it as read, then with look-alike letters as digits
    for num in dict.fromkeys((l2[0:9], l2[0:2] + _fix_digits(l2[2:9]), _fix_digits(l2[0:9]))):
        cn = _fix_digits(l2[9])
        comp = num + cn + birth + cb + exp + ce + l2[28:43]
        if _ok(num, cn) and _ok(comp, _fix_digits(l2[43])):
            return MrzResult("TD3 passport (second line)", "P", l2[10:13].replace("<", ""), num.replace("<", ""),
                             4, 4)
    return None


def _td1(lines, i):
    if i + 2 >= len(lines):
        return None
    l1, l2 = lines[i][:30], lines[i + 1][:30]
    if len(l1) < 30 or len(l2) < 30 or l1[0] not in "ACI":
        return None
    num, cn = l1[5:14], l1[14]
    birth, cb = _fix_digits(l2[0:6]), _fix_digits(l2[6])
    exp, ce = _fix_digits(l2[8:14]), _fix_digits(l2[14])
    checks = [_ok(num, cn), _ok(birth, cb), _ok(exp, ce)]
    return MrzResult("TD1 card", l1[:2].replace("<", ""), l1[2:5].replace("<", ""), num.replace("<", ""),
                     sum(checks), len(checks))


def _td2(lines, i):
    if i + 1 >= len(lines):
        return None
    l1, l2 = lines[i], lines[i + 1]
    if len(l1) < 36 or len(l2) < 36:
        return None
    l1, l2 = l1[:36], l2[:36]
    if l1.startswith("IDFRA"):  # pre-2021 French identity card
        num, cn = l2[0:12], l2[12]
        birth, cb = _fix_digits(l2[27:33]), _fix_digits(l2[33])
        checks = [_ok(num, cn), _ok(birth, cb), _ok(l1 + l2[:35], _fix_digits(l2[35]))]
        return MrzResult("French ID card (2x36)", "ID", "FRA", num, sum(checks), len(checks))
    if l1[0] not in "ACIPV":
        return None
    num, cn, birth, cb, exp, ce = _second_line_fields(l2)
    checks = [_ok(num, cn), _ok(birth, cb), _ok(exp, ce)]
    return MrzResult("TD2", l1[:2].replace("<", ""), l1[2:5].replace("<", ""), num.replace("<", ""),
                     sum(checks), len(checks))

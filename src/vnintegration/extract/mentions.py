"""Mentions: a number with its unit, rank or ordinal prefix, in one sentence of an article.

A number is read by `core.numbers.read_number`, the reader the validator uses ("11.511,9" =
11511.9; "7,09" = 7.09; a dot that cannot be grouping, "7.09", is a decimal). It is a mention
only with a unit after it (rules.UNIT_WORDS, from core/units.py: tỷ USD, nghìn tỷ đồng, %, điểm
phần trăm, nước, FTA ...) or a prefix before it (top, nhóm, đứng thứ, năm thứ, con số). Its qualifier (trên -> over,
khoảng -> about, gần -> nearly, dưới -> under) and sign (giảm -> negative) come from the
few words before it. Dates, document numbers and ranges are never mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnintegration.core.numbers import read_number
from vnintegration.core.units import UNITS, scale, shift
from vnintegration.extract import rules as R
from vnintegration.extract.periods import PeriodReading
from vnintegration.extract.text import Sentence


@dataclass
class Mention:
    """A number with its unit (or rank/ordinal prefix) inside one sentence."""

    sentence: Sentence
    start: int  # span of the words that make the figure, prefix and unit included
    end: int
    number_start: int
    number: float
    unit: str  # the unit code the figure is written in (core/units.py)
    power: int  # the power of ten its words add to that unit ("nghìn tỷ USD": 3)
    noun: str
    qualifier: str = "exact"
    sign: int = 1
    indicator: str = ""
    score: float = 0.0
    alternatives: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    penalty: float = 1.0
    period: PeriodReading | None = None
    whole: str = ""  # the sentence before, when this one opens "Trong đó, ..." (its parts take that one's status)
    partner: str = ""  # a partner code (data/partners.csv) the words tie the figure to; "" = all partners
    product: str = ""  # a product code (data/products.csv); "" = all products
    not_ours: bool = False  # another economy's own figure ("thâm hụt thương mại của Hoa Kỳ"), or a company's

    @property
    def figure(self) -> str:
        return self.sentence.text[self.start:self.end]

    @property
    def family(self) -> str:
        return UNITS[self.unit].family

    def value_in(self, code: str) -> float:
        """The figure, unsigned, in unit `code` of its family (a power of ten away)."""
        return scale(self.number, self.power + shift(self.unit, code))


def find_mentions(sentence: Sentence) -> list[Mention]:
    """Every number in the sentence that carries a unit, a rank or an ordinal-year prefix."""
    text = sentence.text
    found: list[Mention] = []
    for match in R.NUMBER.finditer(text):
        number = read_number(match.group(1))
        if number is None:
            continue
        start, end = match.start(1), match.end(1)
        mention = _prefixed(sentence, text, start, end, number) or _with_unit(sentence, text, start, end, number)
        if mention is None:
            continue
        if found and mention.start < found[-1].end:
            continue
        _qualify(mention, text[:mention.start], text[mention.end:])
        found.append(mention)
    return found


def _prefixed(sentence, text, start, end, number) -> Mention | None:
    head = text[max(0, start - 30):start]
    for pattern, unit, qualifier in R.PREFIXES:
        found = pattern.search(head)
        if not found or number != int(number):
            continue
        stop = end
        if "nhóm" in found.group().lower():
            after = R.GROUP_AFTER.match(text, end)
            if not after:
                continue
            stop = after.end()
        begin = start - (len(head) - found.start())
        m = Mention(sentence, begin, stop, start, number, unit, 0, "")
        m.qualifier = qualifier
        return m
    return None


def _with_unit(sentence, text, start, end, number) -> Mention | None:
    gap = re.match(r"\s*", text[end:end + 3]).end()
    for pattern, code, power, noun in R.UNIT_WORDS:
        unit = pattern.match(text, end + gap)
        if unit and R.UNIT_END.match(text, unit.end()) and (gap or unit.group() == "%" or code == "percent"):
            if code in ("count", "years") and number != int(number):
                return None
            if code == "years" and number > 100:
                return None
            return Mention(sentence, start, unit.end(), start, number, code, power, noun)
        if unit and unit.group() == "%":
            return Mention(sentence, start, unit.end(), start, number, code, power, noun)
    return None


def _qualify(mention: Mention, before: str, after: str = "") -> None:
    """Qualifier and sign from the few words before the figure, read right to left ("từ 10% trở lên":
    from the words on both sides)."""
    for head, tail, qualifier in R.QUALIFIER_AFTER:
        if head.search(before) and tail.match(after):
            mention.qualifier = qualifier
            return
    words = re.findall(r"\w+", before.lower())[-6:]
    qualifier = None
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        pair = (words[i - 1], word) if i else None
        if pair in R.QUALIFIER_PAIRS:
            if R.QUALIFIER_PAIRS[pair] is None:
                break  # "cao hơn", "gần như": a comparison, not a qualifier
            qualifier = qualifier or R.QUALIFIER_PAIRS[pair]
            continue
        if word in R.SIGN_WORDS:
            mention.sign = R.SIGN_WORDS[word]
            break
        if word in R.QUALIFIER_WORDS:
            qualifier = qualifier or R.QUALIFIER_WORDS[word]
            continue
        if word not in R.FILLERS:
            break
    if qualifier and mention.family != "rank":
        mention.qualifier = qualifier

"""Typed, immutable view of the knowledge base.

The loader in ``acupress.knowledge`` reads and validates the YAML files and
builds these objects; the core only ever sees these types, never files.
"""

from __future__ import annotations

from typing import Any, Literal

from .record import field, record

Intensity = Literal["gentle", "moderate", "strong"]
Duration = Literal["acute", "subacute", "chronic"]
Level = Literal["emergency", "urgent", "self_care"]

INTENSITY_ORDER: tuple[Intensity, ...] = ("gentle", "moderate", "strong")
LEVEL_ORDER: tuple[Level, ...] = ("self_care", "urgent", "emergency")


def intensity_rank(value: str) -> int:
    return INTENSITY_ORDER.index(value)  # type: ignore[arg-type,unused-ignore]


def level_rank(value: str) -> int:
    return LEVEL_ORDER.index(value)  # type: ignore[arg-type,unused-ignore]


@record
class Source:
    key: str
    authors: str
    year: int | None
    title: str
    published: str
    url: str | None = None
    doi: str | None = None
    note: str | None = None
    verified: bool = True

    def short(self) -> str:
        """How a person sees the source in running text: "Qaseem et al., 2017", "Betts and Budd, 2011"."""
        names = [_surname(name) for name in self.authors.split(", ") if name != "et al."]
        if len(names) > 2 or "et al." in self.authors:
            who = f"{names[0]} et al."
        else:
            who = " and ".join(names)
        return f"{who}, {self.year}" if self.year else f"{who}, undated"

    def citation(self) -> str:
        year = f" ({self.year})" if self.year else ""
        tail = f" doi:{self.doi}" if self.doi else (f" {self.url}" if self.url else "")
        return f"{self.authors}{year}. {self.title}. {self.published}.{tail}"


def _surname(name: str) -> str:
    """ "Qaseem A" -> "Qaseem"; an organisation's name stays whole."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3 else name


@record
class PointTechnique:
    motion: str
    pacing: str
    minutes_per_side: float
    sides: str


@record
class Point:
    id: str
    who_code: str
    name_en: str
    pinyin: str
    chinese: str
    channel: str
    site: str
    role: str
    location: str
    how_to_find: tuple[str, ...]
    helps_with: tuple[str, ...]
    avoid_in_pregnancy: bool
    sources: tuple[str, ...]
    technique: PointTechnique | None = None
    cautions: tuple[str, ...] = ()
    evidence: str | None = None
    locator: dict[str, Any] = field(default_factory=dict)


@record
class Variant:
    id: str
    intensity: Intensity
    how: str


@record
class Technique:
    id: str
    name: str
    site: str
    sides: str
    pacing: str
    summary: str
    variants: tuple[Variant, ...]
    how_to: tuple[str, ...]
    stop_if: str
    evidence: str
    sources: tuple[str, ...]

    def variant(self, variant_id: str) -> Variant:
        return next(v for v in self.variants if v.id == variant_id)


@record
class LevelText:
    title: str
    advice: str


@record
class RedFlag:
    id: str
    level: Level
    question: str
    why_asked: str
    sources: tuple[str, ...]


@record
class Effects:
    max_intensity: Intensity | None = None
    max_intensity_at: dict[str, Intensity] = field(default_factory=dict)
    skip_sites: tuple[str, ...] = ()
    only_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    avoid_pregnancy_points: bool = False


@record
class Condition:
    id: str
    label: str
    effects: Effects
    warning: str
    sources: tuple[str, ...]


@record
class Rule:
    id: str
    statement: str
    sources: tuple[str, ...]
    params: dict[str, float] = field(default_factory=dict)
    verified: bool = True


@record
class ProtocolStep:
    step: str
    intensity: str  # an Intensity, or "by_pain"
    minutes: float
    frequency: str
    rules: tuple[str, ...]
    variant: str | None = None


@record
class Protocol:
    id: str
    name: str
    default: bool
    description: str
    weeks: int | None
    steps: dict[str, tuple[ProtocolStep, ...]]
    sources: tuple[str, ...] = ()


@record
class Question:
    id: str
    kind: str
    text: str
    min: int | None = None
    max: int | None = None


@record
class Questionnaire:
    id: str
    title: str
    items: tuple[Question, ...]
    sources: tuple[str, ...]
    intro: str | None = None
    scoring: str | None = None


@record
class StopReason:
    """Why a guided session was stopped early, and what to do next (safety.yaml)."""

    id: str
    label: str  # what the stop button says
    key: str  # the terminal key that stops for this reason
    safety: bool  # stopped for safety: show the advice and the emergency number
    summary: str
    do_now: tuple[str, ...] = ()
    get_help: str | None = None
    sources: tuple[str, ...] = ()


@record
class EmergencyNumbers:
    default: str
    by_region: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def for_region(self, region: str | None) -> str:
        """The number for a two-letter region code, or the default."""
        return self.by_region.get((region or "").upper(), self.default)


@record
class Knowledge:
    version: str
    sources: dict[str, Source]
    points: dict[str, Point]
    techniques: dict[str, Technique]
    levels: dict[str, LevelText]
    red_flags: dict[str, RedFlag]
    conditions: dict[str, Condition]
    rules: dict[str, Rule]
    frequencies: dict[str, str]
    intensities: dict[str, str]
    protocols: dict[str, Protocol]
    questionnaires: dict[str, Questionnaire]
    stop_reasons: dict[str, StopReason] = field(default_factory=dict)
    emergency_numbers: EmergencyNumbers = field(default_factory=lambda: EmergencyNumbers("112"))

    @property
    def default_protocol(self) -> Protocol:
        return next(p for p in self.protocols.values() if p.default)

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

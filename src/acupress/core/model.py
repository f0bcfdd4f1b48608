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
SeeWithin = Literal["now", "today", "days", "weeks"]
# A situation described by answers (age, pain, pregnancy...): see core/when.py.
Clause = dict[str, Any]

INTENSITY_ORDER: tuple[Intensity, ...] = ("gentle", "moderate", "strong")
LEVEL_ORDER: tuple[Level, ...] = ("self_care", "urgent", "emergency")
SEE_WITHIN_ORDER: tuple[SeeWithin, ...] = ("weeks", "days", "today", "now")  # later = sooner


def intensity_rank(value: str) -> int:
    return INTENSITY_ORDER.index(value)  # type: ignore[arg-type,unused-ignore]


def level_rank(value: str) -> int:
    return LEVEL_ORDER.index(value)  # type: ignore[arg-type,unused-ignore]


def urgency_rank(value: str) -> int:
    return SEE_WITHIN_ORDER.index(value)  # type: ignore[arg-type,unused-ignore]


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
class Evidence:
    """What a step rests on: `trials` or `traditional` practice, in words, with sources."""

    basis: str
    text: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "text": self.text, "sources": list(self.sources)}


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
    evidence: Evidence | None = None
    locator: dict[str, Any] = field(default_factory=dict)


@record
class Variant:
    id: str
    intensity: Intensity
    how: str


@record
class HowTo:
    """One line of a technique's instructions; `variant` lines show only where that variant is allowed."""

    text: str
    variant: str | None = None


@record
class Technique:
    id: str
    name: str
    site: str
    sides: str
    pacing: str
    summary: str
    variants: tuple[Variant, ...]
    how_to: tuple[HowTo, ...]
    stop_if: str
    evidence: Evidence
    sources: tuple[str, ...]

    def variant(self, variant_id: str) -> Variant:
        return next(v for v in self.variants if v.id == variant_id)


@record
class LevelText:
    title: str
    advice: str


@record
class Effects:
    """What a caution does to steps; the same words serve conditions and cleared warning signs."""

    max_intensity: Intensity | None = None
    max_intensity_at: dict[str, Intensity] = field(default_factory=dict)
    skip_sites: tuple[str, ...] = ()
    only_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    avoid_pregnancy_points: bool = False
    site_notes: dict[str, str] = field(default_factory=dict)


@record
class RedFlag:
    """A warning sign: asked (`question`), or worked out from the answers (`when`)."""

    id: str
    level: Level
    why_asked: str
    sources: tuple[str, ...]
    see_within: SeeWithin
    question: str | None = None
    group: str | None = None
    title: str | None = None
    advice: str | None = None
    clearable: bool = False
    after_clearance: Effects | None = None
    cleared_note: str | None = None
    when: tuple[Clause, ...] = ()
    see_within_text: str | None = None  # replaces the timing's usual words when a sign needs sooner ones


@record
class AnswerWarning:
    id: str
    when: tuple[Clause, ...]
    message: str
    sources: tuple[str, ...]


@record
class Condition:
    id: str
    label: str
    effects: Effects
    warning: str
    sources: tuple[str, ...]
    group: str | None = None
    applies_when: tuple[Clause, ...] = ()


@record
class Rule:
    id: str
    statement: str
    sources: tuple[str, ...]
    params: dict[str, float] = field(default_factory=dict)
    verified: bool = True
    outcome_by: str | None = None  # "intensity", "variant" or "duration": outcomes are keyed by it
    outcomes: dict[str, str] = field(default_factory=dict)


@record
class Frequency:
    text: str
    max_intensity: Intensity | None = None  # set for schedules: strength is for a moment, not a schedule


@record
class ProtocolStep:
    step: str
    intensity: str  # an Intensity, or "by_pain"
    minutes: float
    frequency: str
    rules: tuple[str, ...]
    variant: str | None = None
    sides: str | None = None  # "left" or "right" for a point on one side only (prescriptions); None: the step's own


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
    group: str | None = None


@record
class Group:
    """One screen of the assessment; `shown_when` (a clause) limits who is asked it."""

    id: str
    title: str
    intro: str | None = None
    shown_when: Clause | None = None


@record
class Schedule:
    """How often a measure is asked; `at_start`: its first answer is the baseline."""

    every_days: int
    at_start: bool = False


@record
class ChangeThreshold:
    """The smallest change people tend to notice on a measure (questionnaires.yaml)."""

    better: Literal["lower", "higher"]
    points_from: float  # below this: too small to tell
    points_to: float  # at or above this: meaningful (equal to points_from when research gives one number)
    compare: str
    how: str
    sources: tuple[str, ...]
    percent: float | None = None  # a share of the baseline that also counts as meaningful


@record
class Questionnaire:
    id: str
    title: str
    items: tuple[Question, ...]
    sources: tuple[str, ...]
    intro: str | None = None
    scoring: str | None = None
    short: str | None = None  # its name in a sentence: "weekly check (PEG)"
    schedule: Schedule | None = None
    change: ChangeThreshold | None = None
    activities: dict[str, int] = field(default_factory=dict)  # min, max, max_length (PSFS)
    fhir: dict[str, Any] = field(default_factory=dict)  # codes and canonical URL, as in the YAML


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
    see_within: dict[str, str]
    red_flags: dict[str, RedFlag]
    answer_flags: dict[str, RedFlag]
    answer_warnings: tuple[AnswerWarning, ...]
    conditions: dict[str, Condition]
    rules: dict[str, Rule]
    frequencies: dict[str, Frequency]
    intensities: dict[str, str]
    protocols: dict[str, Protocol]
    groups: dict[str, Group]
    questionnaires: dict[str, Questionnaire]
    stop_reasons: dict[str, StopReason] = field(default_factory=dict)
    emergency_numbers: EmergencyNumbers = field(default_factory=lambda: EmergencyNumbers("112"))
    # How each source is shown, worked out once at load: (short name, citation with any
    # "awaiting confirmation" mark), so building a plan costs no string work per source.
    citations: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Values the core derives from this knowledge and keeps for reuse (e.g. finished plan
    # steps): a cache, never knowledge of its own. See core/steps.py `remembered`.
    memo: dict[Any, Any] = field(default_factory=dict)

    @property
    def default_protocol(self) -> Protocol:
        return next(p for p in self.protocols.values() if p.default)

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def flag(self, flag_id: str) -> RedFlag:
        """A warning sign by id, asked or worked out from the answers."""
        return self.red_flags.get(flag_id) or self.answer_flags[flag_id]

    def flags_in_group(self, group_id: str) -> tuple[RedFlag, ...]:
        return tuple(flag for flag in self.red_flags.values() if flag.group == group_id)

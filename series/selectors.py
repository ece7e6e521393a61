"""Reads that assemble whole encyclopedia pages."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch

from .models import CastCredit, Credit, RelatedSeries, Role, Series


@dataclass
class RoleGroup:
    role: Role
    credits: list[Credit] = field(default_factory=list)


@dataclass
class Department:
    label: str
    roles: list[RoleGroup]


@dataclass
class Character:
    name: str
    note: str
    performances: dict[str, list[CastCredit]]
    # One list of performances per language column, in column order.
    cells: list[list[CastCredit]] = field(default_factory=list)


def series_page_queryset():
    return Series.objects.select_related("key_art").prefetch_related(
        "key_art__renditions",
        "studio_roles__studio",
        Prefetch("credits", queryset=Credit.objects.select_related("person", "role")),
        Prefetch("cast", queryset=CastCredit.objects.select_related("person")),
        "episodes",
        "watch_options",
        "broadcasts",
        Prefetch(
            "relations_out",
            queryset=RelatedSeries.objects.select_related("to_series"),
        ),
        Prefetch(
            "relations_in",
            queryset=RelatedSeries.objects.select_related("from_series"),
        ),
        "external_ids",
        "tags",
    )


def staff_by_department(credits) -> list[Department]:
    """Credits grouped by department, then by role in the editors' order."""

    def role_key(credit):
        role = credit.role
        return (role.department_position, role.position, role.name)

    ordered = sorted(
        credits,
        key=lambda c: (*role_key(c), c.episode_from or 0, c.person.name),
    )
    departments = []
    for _, dept_credits in groupby(ordered, key=lambda c: c.role.department):
        dept_credits = list(dept_credits)
        roles = [
            RoleGroup(role=role_credits[0].role, credits=role_credits)
            for role_credits in (
                list(group) for _, group in groupby(dept_credits, key=role_key)
            )
        ]
        departments.append(
            Department(label=dept_credits[0].role.get_department_display(), roles=roles)
        )
    return departments


def cast_by_character(cast) -> tuple[list[Character], list[tuple[str, str]]]:
    """Characters in billing order, each with performances per language."""
    characters: dict[str, Character] = {}
    languages = []
    for credit in sorted(cast, key=lambda c: (c.position, c.character)):
        character = characters.setdefault(
            credit.character.casefold(),
            Character(name=credit.character, note="", performances={}),
        )
        character.note = character.note or credit.character_note
        character.performances.setdefault(credit.language, []).append(credit)
        if credit.language not in languages:
            languages.append(credit.language)
    order = list(CastCredit.Language.values)
    languages.sort(key=order.index)
    labels = [(code, CastCredit.Language(code).label) for code in languages]
    for character in characters.values():
        character.cells = [character.performances.get(code, []) for code in languages]
    return list(characters.values()), labels


def related_series(series: Series) -> list[tuple[str, Series]]:
    """Links from and to this series, each told from this series' side."""
    labels = dict(RelatedSeries.Relation.choices)
    links = {}
    for link in series.relations_in.all():
        links[link.from_series_id] = (
            labels[RelatedSeries.INVERSE[link.relation]],
            link.from_series,
        )
    for link in series.relations_out.all():
        links[link.to_series_id] = (link.get_relation_display(), link.to_series)
    return sorted(links.values(), key=lambda pair: (pair[0], pair[1].title))

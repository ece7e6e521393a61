import itertools

import pytest

from series.models import Credit, Person, Role, Series, Studio

_n = itertools.count(1)


@pytest.fixture
def make_series(db):
    def make(**overrides):
        n = next(_n)
        fields = {"title": f"Series {n}", "slug": f"series-{n}"} | overrides
        return Series.objects.create(**fields)

    return make


@pytest.fixture
def make_person(db):
    def make(**overrides):
        n = next(_n)
        fields = {"name": f"Person {n}", "slug": f"person-{n}"} | overrides
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_role(db):
    def make(**overrides):
        n = next(_n)
        fields = {
            "name": f"Role {n}",
            "slug": f"role-{n}",
            "department": Role.Department.DIRECTION,
        } | overrides
        return Role.objects.create(**fields)

    return make


@pytest.fixture
def make_studio(db):
    def make(**overrides):
        n = next(_n)
        fields = {"name": f"Studio {n}", "slug": f"studio-{n}"} | overrides
        return Studio.objects.create(**fields)

    return make


@pytest.fixture
def make_credit(make_person, make_role):
    def make(series, **overrides):
        fields = {"person": make_person(), "role": make_role()} | overrides
        return Credit.objects.create(series=series, **fields)

    return make

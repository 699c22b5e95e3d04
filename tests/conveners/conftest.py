import pytest
from django_scopes import scope

import conveners.tasks  # noqa: F401  (register the tasks before any worker starts)
from tests.conveners.builders import make_call
from tests.factories import MemberOrganisationFactory


@pytest.fixture
def org(world):
    return world.a.organisation


@pytest.fixture
def scoped(org):
    with scope(organisation=org):
        yield org


@pytest.fixture
def call(org):
    return make_call(org)


@pytest.fixture
def member_trust(org):
    return MemberOrganisationFactory(organisation=org, name="Example Member NHS Trust")

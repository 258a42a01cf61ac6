"""Factories for the tests: records are made through the services, as the product makes them."""

from __future__ import annotations

from typing import Any, cast

import factory

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.accounts.services import agency_save, user_set_roles, user_sync_agency_group

TEST_PASSWORD = "correct-horse-battery-9"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name_vi = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")
    kind = Agency.Kind.DEPARTMENT

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        return agency_save(agency=model_class(*args, **kwargs))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: Any) -> None:
        if not create:
            return
        user = cast(User, self)
        user_sync_agency_group(user=user)
        if extracted:
            user_set_roles(user=user, roles=extracted)

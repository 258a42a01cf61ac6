from __future__ import annotations

from ttdn.cases.models import Organisation


def organisation_find_or_create(*, organisation: Organisation) -> Organisation:
    """The known organisation of this name (any letter case) and country, or ``organisation`` saved."""
    known = Organisation.objects.filter(name__iexact=organisation.name, country=organisation.country).first()
    if known is not None:
        return known
    organisation.full_clean()
    organisation.save()
    return organisation

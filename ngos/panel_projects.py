"""The case page's "Aid projects" panel: the projects the visit serves (those the user may see),
shown when the visit's counterpart is a foreign NGO or it serves a project."""

from __future__ import annotations

from typing import Any

from ngos.policy import may_manage_ngos
from ngos.selectors import projects_visible_to
from ttdn.accounts.models import User
from ttdn.cases.models import Case, Organisation


def case_projects_panel(case: Case, user: User) -> dict[str, Any] | None:
    projects = list(projects_visible_to(user).filter(cases=case).select_related("ngo__organisation"))
    counterpart = case.counterpart
    if not projects and (counterpart is None or counterpart.kind != Organisation.Kind.NGO):
        return None
    return {"case": case, "projects": projects, "can_manage": may_manage_ngos(user=user) is None}

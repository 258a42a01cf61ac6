from __future__ import annotations

from typing import Any

from django import template

from ttdn.cases.models import Case
from ttdn.printouts.menu import printout_menu

register = template.Library()


@register.inclusion_tag("printouts/_menu.html", takes_context=True)
def printouts_menu(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """The case page's menu of print-outs (``printouts.menu``)."""
    return {"entries": printout_menu(case=case, user=context["request"].user)}

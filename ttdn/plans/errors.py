from ttdn.cases.errors import CaseError


class PlanError(CaseError):
    """A write to the plan was refused; the message is translated, for the user."""

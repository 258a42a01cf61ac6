from ttdn.cases.errors import CaseError


class BudgetError(CaseError):
    """A budget's write was refused; the message is translated, for the user."""

class CaseError(Exception):
    """A rule of the case workflow refused an action; the message is translated, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReviewReopenNeeded(CaseError):
    """A change to what the police cleared would send the case back to them, and the caller
    did not confirm it; ``fields`` names the changes, as the pages show them."""

    def __init__(self, message: str, *, fields: list[str]) -> None:
        super().__init__(message)
        self.fields = fields


class RowError(CaseError):
    """One of many records written at once was refused: ``index`` says which (from 0), and
    ``cause`` is the error a service for one record raises (a ValidationError)."""

    def __init__(self, message: str, *, index: int, cause: Exception | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.cause = cause

class CaseError(Exception):
    """A rule of the case workflow refused an action; the message is translated, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

from ttdn.cases.errors import CaseError


class DocumentError(CaseError):
    """A document could not be drafted, issued or recorded; the message says why, for the user.
    In the API it is bad input (400), unless it says otherwise."""

    api_status = 400


class AlreadyIssued(DocumentError):
    """The document already has its number (the API answers 409)."""

    api_status = 409


class MissingForTemplate(DocumentError):
    """The case lacks what the template needs: the message names each thing for the user, and
    ``missing`` holds their codes (``participants``, ``decision``...) for the API's clients."""

    def __init__(self, message: str, *, missing: list[str]) -> None:
        super().__init__(message)
        self.missing = missing

"""Issue documents from a process of its own, as a second web worker would: run by
test_numbering.py with the test database's URL, the documents' ids, and a file to wait for, so that
the processes start issuing at the same moment."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django


def main() -> None:
    go, user_id, *ids = sys.argv[1:]
    django.setup()
    from django.utils import timezone

    from ttdn.accounts.models import User
    from ttdn.documents import services
    from ttdn.documents.models import Document

    services._convert_later = lambda document: None  # numbers only: no PDF is queued here
    actor = User.objects.get(pk=int(user_id))
    documents = [Document.objects.get(pk=int(pk)) for pk in ids]
    while not Path(go).exists():
        time.sleep(0.01)
    for document in documents:
        services.document_issue(
            actor=actor, document=document, signer="Trần Văn Ký", issued_on=timezone.localdate(),
            recipients=["Chủ tịch UBND tỉnh"],
        )  # fmt: skip
    print(f"issued {len(documents)} in process {os.getpid()}")


if __name__ == "__main__":
    main()

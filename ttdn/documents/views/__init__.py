"""The documents' pages: on the case (``case``) and the registers (``registers``)."""

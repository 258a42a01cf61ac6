# English pages keep the province's dd/mm/yyyy dates; only the numbers use English separators.
from ttdn.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","

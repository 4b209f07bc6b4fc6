"""Every bound on input in one place: file sizes, nesting, amounts, rates, units, simulations.

Edges check what they read against these figures before anything is written, and refuse with
one line naming the field, the value and the limit; ``docs/security.md`` lists them. The
amounts follow the database columns (STYLE.md rule 8): money is ``Numeric(18, 2)`` — at most
16 digits before the point — and an exchange rate ``Numeric(18, 8)``. A single amount given by
a user is held far below the column's capacity, so that the sums of a ledger (a claim's
invoices, a programme's grants) still fit in the column.

This module is pure: constants only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file read at an edge (a feed, an enterprise file, a catalog, a parameter file)."""

MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
"""Largest content a compressed (gzip) file may expand to."""

MAX_NESTING = 64
"""Deepest nesting of lists and mappings in a JSON or YAML document."""

MAX_YAML_ALIASES = 100
"""Most aliases (``*name``) a YAML document may use."""

MAX_YAML_NODES = 2_000_000
"""Most nodes a YAML document may hold once its aliases are expanded (an alias bomb has 10⁹)."""

MAX_NUMBER_DIGITS = 28
"""Most digits a number given as text may have (Decimal's default precision)."""

MONEY_INTEGER_DIGITS = 16
"""Digits before the point that a money column holds (``Numeric(18, 2)``)."""

MONEY_DECIMAL_PLACES = 2
"""Digits after the point of a money column; an amount given with more is refused."""

MAX_AMOUNT = Decimal("1000000000000")
"""Largest single amount accepted from a user (CNY or USD 10¹²; the column holds 10¹⁶)."""

RATE_DECIMAL_PLACES = 8
"""Digits after the point of an exchange-rate column (``Numeric(18, 8)``)."""

MIN_FX_RATE = Decimal("0.0001")
"""Smallest exchange rate accepted: below it the stored rate keeps fewer than five digits."""

MAX_FX_RATE = Decimal("10000")
"""Largest exchange rate accepted (no pair of the platform's currencies is near it)."""

MAX_UNITS = 100_000
"""Most insured units (patents, product classes, packages) one quote may price."""

MAX_SIMULATION_BYTES = 4 * 1024**3
"""Largest memory a simulation may be estimated to need before it is refused (4 GiB)."""

MAX_TEXT_LENGTH = 10_000
"""Longest free text (a note, a description) stored without a narrower column."""

EARLIEST_DATE = date(1900, 1, 1)
"""Earliest legal or business date accepted (the 337 record starts in the 1970s)."""

LATEST_DATE = date(2199, 12, 31)
"""Latest date accepted: far beyond any patent's term, far from the calendar's end (9999)."""

MAX_IDEMPOTENCY_KEY_LENGTH = 200
"""Longest idempotency key of a payment, a grant or a decision (as stored)."""

"""pgscrub: make a restored production copy safe for staging, and prove it."""

__version__ = "0.2.0"

# The oldest server we support. PostgreSQL 13 reached end of life in November 2025,
# and the maskers rely on SQL-standard function bodies (PostgreSQL 14+), which are
# bound at creation time and can still be inlined into the masking statements.
MIN_SERVER_VERSION_NUM = 140000

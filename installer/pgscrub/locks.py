"""Advisory lock keys shared by the Python side and the SQL side (anon.lock_key())."""

# 0x70677363 is 'pgsc'; the second number names what is locked.
LOCK_CLASS = 0x70677363
INSTALL_LOCK = (LOCK_CLASS, 1)
RUN_LOCK = (LOCK_CLASS, 2)

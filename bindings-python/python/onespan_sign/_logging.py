"""``ONESPAN_LOG=debug``: the SDK's log records to stderr, with no logging set-up.

The native module sends the core's records (one per attempt, retry and API-token fetch:
method, path, status, duration, attempt; never a secret) to the ``onespan_sign`` logger at
DEBUG. Applications configure that logger as any other; this variable is for a quick look
without touching the code.
"""

from __future__ import annotations

import logging
import os
import sys

LOGGER_NAME = "onespan_sign"
ENV = "ONESPAN_LOG"
# The name of the handler ``ONESPAN_LOG`` adds, so that it is added once.
HANDLER_NAME = "onespan_sign:ONESPAN_LOG"


def configure_from_environment() -> None:
    """Applies ``ONESPAN_LOG`` (``debug``, ``info``, ``warning``, ``error``; unset or empty:
    nothing): the ``onespan_sign`` logger gets that level and a handler writing to stderr."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return
    level = logging.getLevelName(value.upper())
    if not isinstance(level, int):
        sys.stderr.write(f"onespan_sign: ignoring {ENV}={value!r}: use debug, info, warning or error\n")
        return
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if not any(h.get_name() == HANDLER_NAME for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)

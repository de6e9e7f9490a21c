"""Progress bars for commands that work through many stored items (rematch, vacuum).

Drawn by tqdm on stderr, only when stderr is a terminal: piped or logged output stays free
of carriage returns. Log lines printed meanwhile go above the bar instead of through it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

# fewer items than this finish before a bar would tell anyone anything
MIN_ITEMS = 200


def _wanted(total: int | None) -> bool:
    return sys.stderr.isatty() and (total is None or total >= MIN_ITEMS)


@contextmanager
def progress(total: int | None, desc: str, unit: str = "items") -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`; on a terminal a bar shows count, total and rate as it is called."""
    if not _wanted(total):
        yield lambda n: None
        return
    # imported here: commands that draw no bar do not pay for it
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with (
        tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True) as bar,
        logging_redirect_tqdm(loggers=[logging.getLogger()]),
    ):

        def advance(n: int) -> None:
            bar.update(n)

        yield advance


def tracked(items: Sequence[T], desc: str, unit: str = "items") -> Iterator[T]:
    """Each of `items`, with a progress bar on a terminal (see `progress`)."""
    with progress(len(items), desc, unit) as advance:
        for item in items:
            yield item
            advance(1)

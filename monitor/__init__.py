"""monitor: a news-monitoring daemon (feeds -> articles -> rules -> events -> alerts)."""

import sys

__version__ = "0.1.0"
USER_AGENT = (
    f"monitor/{__version__} (news-monitoring daemon; +https://github.com/monitor-news/monitor)"
)

# httpx imports its own command-line tool on import (click, pygments and rich, as far as they
# are installed): tens of milliseconds of every start and 2.5 MB of the monitor's RSS, in
# every process that imports monitor, not only the command line's. A None entry makes that
# one import fail at once, and httpx falls back to a stub `main` that monitor never calls.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

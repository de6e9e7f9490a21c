"""monitor: a news-monitoring daemon (feeds -> articles -> rules -> events -> alerts)."""

__version__ = "0.1.0"
USER_AGENT = (
    f"monitor/{__version__} (news-monitoring daemon; +https://github.com/monitor-news/monitor)"
)

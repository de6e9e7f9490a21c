"""A fixed DNS table for tests: map made-up names (news.test) to loopback without touching DNS.

fetcher = Fetcher(polling, scraping, resolver=StaticResolver({"news.test": "127.0.0.1"}))
"""

from __future__ import annotations

import socket
from collections.abc import Mapping, Sequence

from aiohttp.abc import AbstractResolver, ResolveResult


class StaticResolver(AbstractResolver):
    """Resolves names from a table; a value may be one address, a list, or a list per lookup.

    `answers[name]` as a list of lists gives a different answer on each lookup (the last one
    repeats), which is how a DNS-rebinding attacker behaves.
    """

    def __init__(self, answers: Mapping[str, str | Sequence[str] | Sequence[Sequence[str]]]):
        self.answers = dict(answers)
        self.lookups: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.lookups.append(host)
        answer = self.answers.get(host.rstrip(".").lower())
        if answer is None:
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: name not known (StaticResolver)")
        addresses = self._next(host, answer)
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    def _next(self, host: str, answer: str | Sequence[str] | Sequence[Sequence[str]]) -> list[str]:
        if isinstance(answer, str):
            return [answer]
        if answer and not isinstance(answer[0], str):
            count = self.lookups.count(host)
            return list(answer[min(count, len(answer)) - 1])
        return [str(a) for a in answer]

    async def close(self) -> None:
        pass

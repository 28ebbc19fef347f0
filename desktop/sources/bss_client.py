"""Calls to the BSS OpenAPI through Alibaba's SDK.

Every call goes through `BssClient`, so that the documented rate limit holds for all of them and a
failure reaches the user as one line that names the call.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from alibabacloud_bssopenapi20171214.client import Client
from alibabacloud_tea_openapi.models import Config
from Tea.exceptions import TeaException, UnretryableException

from desktop.domain.wording import QT_TRANSLATE_NOOP, Wording
from desktop.sources.credentials import AccessKey
from desktop.store.errors import StoreError

log = logging.getLogger(__name__)

ENDPOINTS = {"china": "business.aliyuncs.com", "international": "business.ap-southeast-1.aliyuncs.com"}
CALLS_PER_SECOND = 10  # the documented limit of DescribeInstanceBill, applied to every call
TRIES = 5
"""How many times a call is made when the API answers that it is throttled or failed on its side."""
FIRST_WAIT_S = 0.5
"""The wait before the first retry; each next one waits twice as long, plus a random part (jitter)."""


class SyncError(StoreError):
    """A sync failed and stored nothing; the message names the operation and says why."""


class RateLimiter:
    """At most `calls` calls in any window of `period` seconds.

    A sliding log rather than a token bucket: a bucket of 10 refilled at 10 a second lets 19
    calls through within one second after an idle spell, which the BSS limit does not allow.
    The clock and the sleep are injectable so that tests check it without waiting.
    """

    def __init__(
        self,
        calls: int = CALLS_PER_SECOND,
        period: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls = calls
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._recent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait until one more call is allowed, and return the moment it is made."""
        with self._lock:
            now = self._clock()
            if len(self._recent) == self.calls:
                while (wait := self._recent[0] + self.period - now) > 0:
                    self._sleep(wait)
                    now = self._clock()
                self._recent.popleft()
            self._recent.append(now)
            return now


def _endpoint(site: str, override: str | None) -> tuple[str, str]:
    """(host, protocol) of the BSS endpoint: the site's, or `override` (tests, proxies)."""
    if override:
        parts = urlsplit(override if "://" in override else f"https://{override}")
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "--endpoint: not an http(s) host: {endpoint}").format(endpoint=repr(override))
            )
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "--endpoint: plain http is only allowed to this machine (127.0.0.1)")
            )
        return parts.netloc, parts.scheme
    try:
        return ENDPOINTS[site], "https"
    except KeyError:
        raise SyncError(
            QT_TRANSLATE_NOOP("sync", "unknown site {site}: expected {sites}").format(
                site=repr(site), sites=" or ".join(ENDPOINTS)
            )
        ) from None


class BssClient:
    """The official SDK client, pointed at the account's site, rate-limited, its errors made plain.

    It holds the AccessKey inside the SDK's configuration only; its text form shows the endpoint.
    """

    def __init__(
        self,
        key: AccessKey,
        site: str = "china",
        endpoint: str | None = None,
        limiter: RateLimiter | None = None,
        connect_timeout_ms: int = 5_000,
        read_timeout_ms: int = 30_000,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.site = site
        self._sleep = sleep
        self.endpoint, self.protocol = _endpoint(site, endpoint)
        self.limiter = limiter or RateLimiter()
        self.calls = 0
        config = Config(
            access_key_id=key.key_id,
            access_key_secret=key.secret,
            security_token=key.token,
            endpoint=self.endpoint,
            protocol=self.protocol,
            connect_timeout=connect_timeout_ms,
            read_timeout=read_timeout_ms,
        )
        self._sdk = Client(config)

    def __repr__(self) -> str:
        return f"BssClient(site={self.site!r}, endpoint={self.protocol}://{self.endpoint})"

    def call(self, operation: str, request: Any = None) -> Any:
        """One API call; returns the response body, or raises SyncError naming `operation`.

        A throttled or failed-on-the-server answer is asked again, up to `TRIES` times, after an
        exponential wait with jitter; every try goes through the rate limiter.
        """
        method = getattr(self._sdk, re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower())
        for attempt in range(1, TRIES + 1):
            try:
                return self._call_once(operation, method, request)
            except TeaException as exc:
                if attempt == TRIES or not _worth_retrying(exc):
                    raise SyncError(_api_error(operation, exc.code, _error_message(exc), _request_id(exc))) from exc
                wait = FIRST_WAIT_S * 2 ** (attempt - 1) * (1 + random.random())
                log.info("BSS %s answered %s; try %d of %d in %.1f s", operation, exc.code, attempt + 1, TRIES, wait)
                self._sleep(wait)
        raise AssertionError("unreachable: the last try returns or raises")

    def _call_once(self, operation: str, method: Callable[..., Any], request: Any) -> Any:
        self.limiter.acquire()
        self.calls += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("BSS %s %s", operation, _describe_request(request))
        try:
            response = method(request) if request is not None else method()
        except UnretryableException as exc:
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "{operation}: cannot reach {endpoint}: {reason}").format(
                    operation=operation, endpoint=f"{self.protocol}://{self.endpoint}", reason=_one_line(exc)
                )
            ) from exc
        body = response.body
        if body is None:
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "{operation}: the answer had no body").format(operation=operation)
            )
        if body.success is False:
            raise SyncError(_api_error(operation, body.code, body.message, body.request_id))
        return body


def _worth_retrying(exc: TeaException) -> bool:
    """Throttling (HTTP 400 with a Throttling code, or 429) and the server's own failures (5xx)."""
    status = getattr(exc, "statusCode", None)
    return str(exc.code or "").startswith("Throttling") or status == 429 or (isinstance(status, int) and status >= 500)


def _describe_request(request: Any) -> str:
    return "" if request is None else str(request.to_map())


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _error_message(exc: TeaException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    return str(data.get("Message") or data.get("message") or exc.message or "")


def _request_id(exc: TeaException) -> str | None:
    data = exc.data if isinstance(exc.data, dict) else {}
    found = data.get("RequestId") or data.get("requestId")
    return str(found) if found else None


def _api_error(operation: str, code: Any, message: Any, request_id: Any) -> Wording:
    """The API's own code and message (in the API's language), framed in the window's."""
    said = " ".join(str(message or "no message").split())
    if request_id:
        return QT_TRANSLATE_NOOP("sync", "{operation} failed: {code}: {message} (request id {request})").format(
            operation=operation, code=code or "error", message=said, request=request_id
        )
    return QT_TRANSLATE_NOOP("sync", "{operation} failed: {code}: {message}").format(
        operation=operation, code=code or "error", message=said
    )

"""A local stand-in for the BSS OpenAPI endpoint, answering the real SDK in the documented shapes.

The SDK (ACS3 signing) names the operation in the `x-acs-action` header and sends the
parameters in the query string; the older RPC form (`Action=` in the query or the form body)
is understood too. Bills are paged with NextToken, orders and plans with PageNum/PageSize,
and any one operation can be made to fail as the API does (HTTP 400 with Code and Message,
or HTTP 200 with Success false).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

VERSION = "2017-12-14"


@dataclass
class Seen:
    """One request as it arrived, for the tests to inspect."""

    action: str
    params: dict[str, str]
    headers: dict[str, str]
    raw: bytes


@dataclass
class FakeBss:
    account_id: str = "1886420012345678"
    account_name: str = "finance@example-stream.com"
    balance: str = "1234.56"
    currency: str = "CNY"
    bills: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """DescribeInstanceBill items by BillingDate (YYYY-MM-DD), as the API writes them."""
    orders: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    bill_page_size: int = 2
    fail_action: str | None = None
    fail_with_success_false: bool = False
    busy: list[tuple[int, str]] = field(default_factory=list)
    """(HTTP status, Code) answered, in turn, to the next requests instead of their answers: throttling, 5xx."""
    seen: list[Seen] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- lifecycle ---

    def __enter__(self) -> FakeBss:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, *args: Any) -> None:  # quiet: tests read `seen` instead
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-bss", daemon=True
        ).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def actions(self) -> list[str]:
        with self._lock:
            return [seen.action for seen in self.seen]

    # --- answering ---

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        parts = urlsplit(request.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        if body and "form-urlencoded" in (request.headers.get("Content-Type") or ""):
            params.update(parse_qsl(body.decode(), keep_blank_values=True))
        headers = {name.lower(): value for name, value in request.headers.items()}
        action = headers.get("x-acs-action") or params.get("Action", "")
        raw = f"{request.command} {request.path}\n".encode() + str(request.headers).encode() + body
        with self._lock:
            self.seen.append(Seen(action, params, headers, raw))
        request_id = f"FAKE-{len(self.seen):04d}"
        with self._lock:
            busy = self.busy.pop(0) if self.busy else None
        if busy is not None:
            self._send(request, busy[0], self._error(request_id, busy[1], "Request was denied due to flow control."))
        elif headers.get("x-acs-version", params.get("Version")) != VERSION:
            self._send(request, 400, self._error(request_id, "InvalidVersion", "Specified version is not valid."))
        elif action == self.fail_action and self.fail_with_success_false:
            self._send(
                request, 200, {**self._error(request_id, "InternalError", "The request failed."), "Success": False}
            )
        elif action == self.fail_action:
            self._send(request, 400, self._error(request_id, "NotAuthorized", "This API is not authorized for caller."))
        elif (answer := getattr(self, f"_{action}", None)) is None:
            self._send(request, 404, self._error(request_id, "InvalidAction.NotFound", f"no such action {action}"))
        else:
            self._send(request, 200, {"RequestId": request_id, "Success": True, "Code": "Success", **answer(params)})

    @staticmethod
    def _error(request_id: str, code: str, message: str) -> dict[str, Any]:
        return {"RequestId": request_id, "HostId": "business.aliyuncs.com", "Code": code, "Message": message}

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json;charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    # The answers are named as the API names its operations (N802 is off for the Qt overrides anyway).
    def _QueryAccountBalance(self, params: dict[str, str]) -> dict[str, Any]:
        return {
            "Message": "Successful!",
            "Data": {
                "AvailableAmount": self.balance,
                "AvailableCashAmount": self.balance,
                "CreditAmount": "0.00",
                "MybankCreditAmount": "0.00",
                "Currency": self.currency,
            },
        }

    def _DescribeInstanceBill(self, params: dict[str, str]) -> dict[str, Any]:
        day = params.get("BillingDate", "")
        items = self.bills.get(day, [])
        size = min(int(params.get("MaxResults", "20")), self.bill_page_size)
        token = params.get("NextToken") or ""
        start = int(token.removeprefix("next-")) if token else 0
        page = items[start : start + size]
        data: dict[str, Any] = {
            "AccountID": self.account_id,
            "AccountName": self.account_name,
            "BillingCycle": params.get("BillingCycle"),
            "MaxResults": size,
            "TotalCount": len(items),
            "Items": page,
        }
        if start + size < len(items):
            data["NextToken"] = f"next-{start + size}"
        return {"Message": "Successful!", "Data": data}

    def _QueryOrders(self, params: dict[str, str]) -> dict[str, Any]:
        number, size = int(params.get("PageNum", "1")), int(params.get("PageSize", "20"))
        # Without a time range the API answers for the last hour only: here, nothing.
        ranged = bool(params.get("CreateTimeStart") and params.get("CreateTimeEnd"))
        orders = self.orders if ranged else []
        page = orders[(number - 1) * size : number * size]
        return {
            "Message": "Successful!",
            "Data": {
                "HostName": "fake",
                "PageNum": number,
                "PageSize": size,
                "TotalCount": len(orders),
                "OrderList": {"Order": page},
            },
        }

    def _QueryResourcePackageInstances(self, params: dict[str, str]) -> dict[str, Any]:
        number, size = int(params.get("PageNum", "1")), int(params.get("PageSize", "20"))
        page = self.plans[(number - 1) * size : number * size]
        return {
            "Message": "Successful!",
            "Page": number,
            "PageSize": size,
            "Total": len(self.plans),
            "Data": {
                "HostId": "fake",
                "PageNum": str(number),
                "PageSize": str(size),
                "TotalCount": str(len(self.plans)),
                "Instances": {"Instance": page},
            },
        }

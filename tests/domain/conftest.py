"""Shared fixtures of the domain tests: the default policy and fact builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.kinds import ItemKind, OrderType, PaymentMethod, PaymentStatus
from desktop.domain.refunds import OrderFacts, PlanFacts

SHANGHAI = ZoneInfo("Asia/Shanghai")


# The FloatOperation trap and the `policy` fixture come from tests/conftest.py.


@pytest.fixture
def make_order() -> Callable[..., OrderFacts]:
    """A paid 100.00 CNY order of kind Other, bought 2026-11-01 by a valid credit card."""

    base = OrderFacts(
        order_id="2026110100099",
        order_type=OrderType.NEW,
        payment_status=PaymentStatus.PAID,
        item_kind=ItemKind.OTHER,
        currency="CNY",
        created_at=datetime(2026, 11, 1, 10, 0, tzinfo=SHANGHAI),
        paid_at=datetime(2026, 11, 1, 10, 0, tzinfo=SHANGHAI),
        pretax_gross=Decimal("100.00"),
        pretax_amount=Decimal("100.00"),
        cash=Decimal("100.00"),
        vouchers=Decimal("0.00"),
        coupons=Decimal("0.00"),
        prepaid_card=Decimal("0.00"),
        payment_method=PaymentMethod.CREDIT_CARD,
        payment_method_valid=True,
    )

    def build(**changes: Any) -> OrderFacts:
        return replace(base, **changes)

    return build


@pytest.fixture
def make_plan() -> Callable[..., PlanFacts]:
    """An unused 1000-unit plan valid for a year from 2026-11-01, with no license."""

    def build(**changes: Any) -> PlanFacts:
        values: dict[str, Any] = {
            "instance_id": "plan-test",
            "total": Decimal(1000),
            "remaining": Decimal(1000),
            "effective_at": datetime(2026, 11, 1, 10, 0, tzinfo=SHANGHAI),
            "expires_at": datetime(2027, 11, 1, 0, 0, tzinfo=SHANGHAI),
            "license": None,
        }
        values.update(changes)
        return PlanFacts(**values)

    return build

"""The console's Billing Details export: columns found by name (any language, any order).

The classic export has 41 columns with a Chinese header; English consoles label them in English,
newer exports rename some, and the BSS OpenAPI names the same fields in CamelCase. Every known
label of a field is listed here; columns nobody knows are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from decimal import Decimal
from functools import partial
from operator import methodcaller
from typing import Any, TypeVar

from desktop.domain.billing import line_key
from desktop.domain.overdue import deduction_time
from desktop.domain.periods import statistical_day
from desktop.domain.wording import QT_TRANSLATE_NOOP
from desktop.sources import values
from desktop.sources.errors import CellError
from desktop.sources.vocabulary import canonical
from desktop.store.memo import Memo

T = TypeVar("T", Decimal, int)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "billing_cycle": ("账期", "账单月份", "Billing Cycle", "BillingCycle"),
    "cost_center": ("财务单元", "Cost Center", "Cost Unit", "CostUnit"),
    "account_uid": ("账号ID", "Account ID", "AccountID"),
    "account_name": ("账号", "账号名称", "Account Name", "AccountName"),
    "owner_account_name": ("Owner账号", "Owner Account Name", "OwnerName", "Owner Account"),
    "product_code": ("产品Code", "产品代码", "Product Code", "ProductCode"),
    "product_name": ("产品", "产品名称", "Product Name", "ProductName", "Product"),
    "product_detail_code": ("产品明细Code", "商品Code", "Product Detail Code", "CommodityCode"),
    "product_detail": ("产品明细", "商品名称", "Product Detail", "ProductDetail"),
    "subscription_type": ("消费类型", "Subscription Type", "SubscriptionType", "Billing Method"),
    "payment_time": ("消费时间", "支付时间", "Payment Time", "PaymentTime", "Transaction Time"),
    "usage_start": ("账单开始时间", "消费开始时间", "使用开始时间", "Usage Start Time", "UsageStartTime"),
    "usage_end": ("账单结束时间", "消费结束时间", "使用结束时间", "Usage End Time", "UsageEndTime"),
    "service_duration": ("服务时长", "Service Duration", "ServicePeriod"),
    "bill_number": ("订单号/账单号", "账单号", "订单号", "Order/Bill Number", "Bill Number", "RecordID"),
    "bill_type": ("账单类型", "Bill Type", "BillType", "Item"),
    "billing_type": ("计费方式", "Billing Type", "BillingType"),
    "instance_id": ("实例ID", "实例ID/资源ID", "资源ID", "Instance ID", "InstanceID"),
    "instance_name": ("实例昵称", "实例名称", "Instance Name", "NickName"),
    "resource_group": ("资源组", "Resource Group", "ResourceGroup"),
    "instance_tag": ("实例标签", "标签", "Instance Tag", "Tag"),
    "instance_config": ("实例配置", "Instance Configuration", "InstanceConfig"),
    "instance_spec": ("实例规格", "Instance Specification", "InstanceSpec"),
    "public_ip": ("公网IP", "Public IP", "InternetIP"),
    "private_ip": ("私网IP", "Private IP", "IntranetIP"),
    "region": ("地域", "区域", "Region"),
    "zone": ("可用区", "Zone"),
    "billing_item": ("计费项", "计费项名称", "Billable Item", "Billing Item", "BillingItem"),
    "list_price": ("单价", "官网单价", "List Price", "ListPrice"),
    "list_price_unit": ("单价单位", "List Price Unit", "ListPriceUnit"),
    "usage": ("用量", "使用量", "Usage"),
    "usage_unit": ("用量单位", "使用量单位", "Usage Unit", "UsageUnit"),
    "deducted_by_resource_plans": (
        "资源包抵扣",
        "资源包抵扣量",
        "Deducted by Resource Plans",
        "DeductedByResourcePackage",
    ),
    "pretax_gross": ("原价", "官网价", "Pretax Gross Amount", "PretaxGrossAmount"),
    "invoice_discount": ("优惠金额", "优惠折扣", "Invoice Discount", "InvoiceDiscount"),
    "coupon_deduction": ("优惠券抵扣", "Deducted by Coupons", "DeductedByCoupons"),
    "round_down_discount": ("抹零优惠", "Round-down Discount", "RoundDownDiscount"),
    "pretax_amount": ("应付金额", "Pretax Amount", "PretaxAmount"),
    "cash_payment": ("现金支付", "Payment Amount", "PaymentAmount", "Cash Payment"),
    "voucher_deduction": ("代金券抵扣", "Deducted by Cash Coupons", "DeductedByCashCoupons"),
    "prepaid_card": ("储值卡支付金额", "储值卡抵扣", "Deducted by Prepaid Card", "DeductedByPrepaidCard"),
    "outstanding": ("欠费金额", "未结清金额", "Outstanding Amount", "OutstandingAmount"),
}

REQUIRED = ("bill_number", "billing_item", "pretax_gross", "pretax_amount", "cash_payment", "outstanding")
TEXT_FIELDS = (
    "account_name",
    "owner_account_name",
    "product_code",
    "product_detail_code",
    "service_duration",
    "instance_id",
    "instance_name",
    "instance_tag",
    "instance_config",
    "instance_spec",
    "public_ip",
    "private_ip",
    "zone",
)
WORD_FIELDS = (
    "cost_center",
    "product_name",
    "product_detail",
    "subscription_type",
    "bill_type",
    "billing_type",
    "resource_group",
    "region",
    "billing_item",
    "list_price_unit",
    "usage_unit",
)
QUANTITY_FIELDS = ("list_price", "usage")
AMOUNT_FIELDS = ("pretax_gross", "pretax_amount", "cash_payment", "outstanding")
TIME_FIELDS = ("payment_time", "usage_start", "usage_end")
DEDUCTION_FIELDS = (
    "deducted_by_resource_plans",
    "invoice_discount",
    "coupon_deduction",
    "round_down_discount",
    "voucher_deduction",
    "prepaid_card",
)


OPTIONAL = (*TEXT_FIELDS, "account_uid", *WORD_FIELDS, *QUANTITY_FIELDS, *DEDUCTION_FIELDS, *TIME_FIELDS)
"""Fields whose column may be absent: their value is what an empty cell gives."""


def normalise_label(label: str) -> str:
    """Header labels compare without case, spaces, or a byte-order mark."""
    return "".join(label.replace("\ufeff", "").split()).casefold()


_FIELD_OF_LABEL = {normalise_label(label): field for field, labels in SYNONYMS.items() for label in labels}


def map_header(header: list[str]) -> dict[str, int]:
    """The column index of every field the header names; the first of duplicate labels wins."""
    found: dict[str, int] = {}
    for index, label in enumerate(header):
        field = _FIELD_OF_LABEL.get(normalise_label(label))
        if field is not None and field not in found:
            found[field] = index
    return found


def missing_fields(columns: dict[str, int], account_known: bool) -> list[str]:
    """Required fields without a column, named by their English label."""
    needed = list(REQUIRED)
    if not account_known:
        needed.append("account_uid")
    missing = [field for field in needed if field not in columns]
    if "payment_time" not in columns and "usage_end" not in columns:
        missing.append("payment_time")
    return [describe(field) for field in missing]


def describe(field: str) -> str:
    """A field as people know it: `原价 (Pretax Gross Amount)`."""
    labels = SYNONYMS[field]
    english = next((label for label in labels if label.isascii() and " " in label), None)
    return f"{labels[0]} ({english})" if english else labels[0]


def _label(field: str) -> str:
    return SYNONYMS[field][0]


NO_DEDUCTION_TIME = QT_TRANSLATE_NOOP("import", "the line has neither a payment time nor a usage end time")
ADDING_UP = (
    "pretax_gross",
    "invoice_discount",
    "coupon_deduction",
    "round_down_discount",
    "pretax_amount",
    "cash_payment",
    "voucher_deduction",
    "prepaid_card",
    "outstanding",
)
"""The amounts `adds_up` takes, in its order."""
MONEY_FIELDS = (*QUANTITY_FIELDS, *DEDUCTION_FIELDS, *AMOUNT_FIELDS)


class BillingDetailsReader:
    """Turns the cells of Billing Details records into the columns of `BillLine`.

    The plan of which cell feeds which field through which reader is made once per file: a
    file can have millions of lines. `columns` reads many records at once; `row` reads one with
    the same checks, and tells which line a refused batch stumbled on.
    """

    def __init__(self, columns: dict[str, int], zone: tzinfo) -> None:
        self.columns = columns
        self.zone = zone
        self.width = max(columns.values()) + 1
        common: dict[str, Callable[[str], Any]] = {
            **dict.fromkeys((*TEXT_FIELDS, "account_uid"), values.text_or_none),
            **dict.fromkeys(WORD_FIELDS, canonical),
            **{field: partial(values.moment, column=_label(field), zone=zone) for field in TIME_FIELDS},
            "bill_number": partial(values.required_text, column=_label("bill_number")),
        }
        self.plan, self.defaults = self._plan(
            {
                **common,
                **{field: partial(values.optional_amount, column=_label(field)) for field in QUANTITY_FIELDS},
                **{field: partial(values.amount_or_zero, column=_label(field)) for field in DEDUCTION_FIELDS},
                **{field: partial(values.amount, column=_label(field)) for field in AMOUNT_FIELDS},
            }
        )
        self.column_plan, self.column_defaults = self._plan(
            {
                **common,
                **{field: partial(values.optional_millionths, column=_label(field)) for field in QUANTITY_FIELDS},
                **{field: partial(values.millionths_or_zero, column=_label(field)) for field in DEDUCTION_FIELDS},
                **{field: partial(values.millionths, column=_label(field)) for field in AMOUNT_FIELDS},
            }
        )

    def _plan(
        self, readers: dict[str, Callable[[str], Any]]
    ) -> tuple[tuple[tuple[str, int, Callable[[str], Any]], ...], dict[str, Any]]:
        """Which reader reads which column, and what the fields without a column hold."""
        plan = tuple((field, self.columns[field], read) for field, read in readers.items() if field in self.columns)
        absent = {field: read("") for field, read in readers.items() if field not in self.columns and field in OPTIONAL}
        return plan, {field: absent.get(field) for field in readers if field not in self.columns}

    def row(self, cells: list[str], account_id: int) -> dict[str, Any]:
        """One record, money as Decimal."""
        if len(cells) < self.width:
            raise CellError(
                QT_TRANSLATE_NOOP("import", "the line has {cells} cells; the header names {columns} columns").format(
                    cells=len(cells), columns=self.width
                )
            )
        line: dict[str, Any] = {"account_id": account_id, **self.defaults}
        for field, index, read in self.plan:
            line[field] = read(cells[index])
        if line["payment_time"] is None and line["usage_end"] is None:
            raise CellError(NO_DEDUCTION_TIME)
        line["deducted_at"] = deduction_time(line["payment_time"], line["usage_end"])
        line["usage_day"] = statistical_day(line["usage_start"], line["deducted_at"], self.zone)
        given = self._given_cycle(cells[self.columns["billing_cycle"]]) if "billing_cycle" in self.columns else None
        line["billing_cycle"] = given or self._month(line["usage_start"] or line["deducted_at"])
        line["amounts_consistent"] = amounts_add_up(line)
        line["line_key"] = line_key(line["bill_number"], line["instance_id"], line["billing_item"], line["usage_start"])
        return line

    def columns_of(self, records: list[list[str]]) -> dict[str, list[Any]]:
        """Many records at once, field by field, money in integer millionths (the store's scale).

        Each column is read in one pass and each distinct cell once (exports repeat most of
        their values), with the readers `row` uses. A CellError here names no line: `row`
        finds it.
        """
        if min(map(len, records)) < self.width:
            raise CellError(QT_TRANSLATE_NOOP("import", "a line is shorter than the header"))
        cells = list(zip(*records, strict=False))  # records may stop after the last column read
        count = len(records)
        fields = {field: [value] * count for field, value in self.column_defaults.items()}
        for field, index, read in self.column_plan:
            if field in MONEY_FIELDS:
                fields[field] = values.millionths_column(cells[index], read)
            elif field == "bill_number":
                fields[field] = _bill_numbers(cells[index], read)
            else:
                fields[field] = read_column(cells[index], read)
        deducted = [paid or ended for paid, ended in zip(fields["payment_time"], fields["usage_end"], strict=True)]
        if None in deducted:
            raise CellError(NO_DEDUCTION_TIME)
        counted = [started or at for started, at in zip(fields["usage_start"], deducted, strict=True)]
        fields["deducted_at"] = deducted
        fields["usage_day"] = list(map(Memo(partial(statistical_day, None, zone=self.zone)).__getitem__, counted))
        month = Memo(self._month)
        given = (
            map(Memo(self._given_cycle).__getitem__, cells[self.columns["billing_cycle"]])
            if "billing_cycle" in self.columns
            else [None] * count
        )
        fields["billing_cycle"] = [cycle or month[at] for cycle, at in zip(given, counted, strict=True)]
        fields["amounts_consistent"] = list(map(adds_up, *(fields[field] for field in ADDING_UP)))
        stamp = Memo(_start_stamp)
        fields["line_key"] = [
            f"{bill}|{instance or ''}|{item or ''}|{stamp[started]}"
            for bill, instance, item, started in zip(
                fields["bill_number"], fields["instance_id"], fields["billing_item"], fields["usage_start"], strict=True
            )
        ]
        return fields

    def _given_cycle(self, text: str) -> str | None:
        """The billing cycle a cell gives (`2026/10` is `2026-10`), None when it is blank."""
        if not text.strip():
            return None
        cycle = text.strip().replace("/", "-")
        if len(cycle) == 7 and cycle[4] == "-" and cycle[:4].isdigit() and cycle[5:].isdigit():
            return cycle
        raise CellError(
            QT_TRANSLATE_NOOP("import", "column {column}: {text} is not a month (YYYY-MM)").format(
                column=repr(_label("billing_cycle")), text=repr(text.strip())
            )
        )

    def _month(self, moment: datetime) -> str:
        """The billing cycle of a line that gives none: the month its usage began (or it was paid)."""
        return f"{moment.astimezone(self.zone):%Y-%m}"


def read_column(cells: Sequence[str], read: Callable[[str], Any]) -> list[Any]:
    """`read` over a column, each distinct cell once; a column of one value (common in a batch) costs one read."""
    first = cells[0]
    if cells.count(first) == len(cells):
        return [read(first)] * len(cells)
    return list(map(Memo(read).__getitem__, cells))


def _bill_numbers(cells: Sequence[str], read: Callable[[str], Any]) -> list[Any]:
    """Bill numbers, all different, trimmed as a column; `read` them one by one only if one is blank or quoted."""
    trimmed = list(map(str.strip, cells))
    if "" in trimmed or any(map(_QUOTED, trimmed)):
        return list(map(read, cells))
    return trimmed


_QUOTED = methodcaller("startswith", "'")


def _start_stamp(usage_start: datetime | None) -> str:
    """The last part of `line_key`, which `columns_of` joins to the others itself."""
    return line_key("", None, None, usage_start).rpartition("|")[2]


def amounts_add_up(line: Mapping[str, Any]) -> bool:
    """Whether a line's amounts add up (see `adds_up`)."""
    return adds_up(*(line[field] for field in ADDING_UP))


def adds_up(
    gross: T,
    discount: T,
    coupons: T,
    round_down: T,
    payable: T,
    cash: T,
    vouchers: T,
    card: T,
    outstanding: T,
) -> bool:
    """DOMAIN §3: gross − discount − coupons − round-down = payable = cash + vouchers + card + outstanding.

    Exact both for Decimals and for integer millionths. A line that does not add up is kept as
    given and flagged, not refused.
    """
    return bool(gross - discount - coupons - round_down == payable == cash + vouchers + card + outstanding)

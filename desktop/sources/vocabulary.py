"""Localised values of the console exports, mapped to the English console's wording.

Stored values use one vocabulary, so that a Chinese and an English export of the same bills
group into the same rows. A value not listed here is stored as it is.
"""

from __future__ import annotations

CANONICAL: dict[str, str] = {
    # Billing method (消费类型) and bill type (账单类型)
    "后付费": "Pay-As-You-Go",
    "预付费": "Subscription",
    "后付费账单": "PayAsYouGoBill",
    "预付费订单": "SubscriptionOrder",
    "退款": "Refund",
    "调账": "Adjustment",
    # Billing type (计费方式)
    "按流量计费": "Pay-by-traffic",
    "按量计费": "Pay-by-usage",
    "按带宽计费": "Pay-by-bandwidth",
    "按峰值带宽计费": "Pay-by-bandwidth",
    "包年包月": "Subscription",
    # Products
    "视频直播": "ApsaraVideo Live",
    # Regions (where viewers watch, DOMAIN §4)
    "中国内地": "Chinese mainland",
    "中国大陆": "Chinese mainland",
    "亚太1区": "Asia Pacific 1",
    "亚太2区": "Asia Pacific 2",
    "亚太3区": "Asia Pacific 3",
    "欧洲和美国": "Europe and US",
    "中东和非洲": "Middle East and Africa",
    # Billing items
    "下行流量": "Downstream traffic",
    "峰值带宽": "Peak bandwidth",
    "窄带高清转码-720P": "Narrowband HD transcoding 720P",
    "窄带高清转码-1080P": "Narrowband HD transcoding 1080P",
    "标准转码-720P": "Standard transcoding 720P",
    "标准转码-1080P": "Standard transcoding 1080P",
    "直播截图": "Live snapshots",
    "直播录制": "Live recording",
    "时移": "Time shifting",
    "直播DRM": "Live DRM",
    "RTS下行流量": "RTS downstream traffic",
    # Units
    "元/GB": "CNY/GB",
    "元/分钟": "CNY/minute",
    "元/千张": "CNY/1000 snapshots",
    "元/Mbps/日": "CNY/Mbps/day",
    "分钟": "minute",
    "千张": "1000 snapshots",
    # Organisation
    "未分配": "Unallocated",
    "默认资源组": "Default resource group",
}


def canonical(value: str | None) -> str | None:
    """The English console's word for `value`, or `value` itself (None and blanks become None)."""
    if value is None:
        return None
    stripped = value.strip()
    if not stripped:
        return None
    return CANONICAL.get(stripped, stripped)

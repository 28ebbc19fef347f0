"""ApsaraVideo Live account manager: balance, overdue status, billing, usage, orders and refunds."""

APP_NAME = "ApsaraVideo Live Account Manager"
__version__ = "0.1.0"

"""ApsaraVideo Live account manager: balance, overdue status, billing, usage, orders and refunds."""

APP_NAME = "ApsaraVideo Live Account Manager"
APP_DIR_NAME = "ApsaraLiveAccountManager"
"""The folder name under the platform's data and log folders."""
__version__ = "0.1.0"

"""The AccessKey pair of a RAM user, kept in the system keyring and nowhere else (DOMAIN §5).

The secret never reaches the store, the settings, a log line or an export. With no usable
keyring backend nothing is written anywhere: the caller is told the secret was not stored,
rather than the app silently falling back to a plain file. Where there is no keyring (a server,
a container), a sync finds its key through Alibaba Cloud's own default credential chain instead
(`find_access_key`), which this application only reads.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from desktop.domain.wording import QT_TRANSLATE_NOOP, Wording
from desktop.store.errors import StoreError

log = logging.getLogger(__name__)

SERVICE = "ApsaraLiveAccountManager"
"""The keyring service name; each account UID is one entry under it."""

_UNUSABLE = (fail.Keyring, null.Keyring)


class CredentialsError(StoreError):
    """The AccessKey cannot be stored, read or removed; the message says why in plain words."""


@dataclass(frozen=True)
class AccessKey:
    """An AccessKey pair; its text forms never show the secret."""

    key_id: str
    secret: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    """The STS token that comes with a RAM role's temporary key."""
    source: Wording = field(default_factory=lambda: QT_TRANSLATE_NOOP("credentials", "the system keyring"))
    """Where the key was found, to tell the user (never the key itself)."""

    def __post_init__(self) -> None:
        for name, value in (("AccessKey ID", self.key_id), ("AccessKey secret", self.secret)):
            if not value or value != value.strip() or any(char.isspace() for char in value):
                raise CredentialsError(
                    QT_TRANSLATE_NOOP("credentials", "the {name} is empty or has spaces in it").format(name=name)
                )

    @property
    def masked_id(self) -> str:
        """Enough of the ID to tell two keys apart in a message, not enough to use it."""
        return f"{self.key_id[:4]}…{self.key_id[-4:]}" if len(self.key_id) > 10 else "…"

    def __repr__(self) -> str:
        return f"AccessKey(key_id={self.masked_id!r}, secret='****')"

    __str__ = __repr__


def _backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, _UNUSABLE):
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials",
                "no usable system keyring ({keyring}): the AccessKey secret was NOT stored. "
                "Install or unlock a keyring service (Windows Credential Manager, macOS Keychain, "
                "GNOME Keyring/KWallet through Secret Service) and try again",
            ).format(keyring=_name(backend))
        )
    return backend


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _scrub(text: str, key: AccessKey | None) -> str:
    """A backend's error message, with the secret removed should a backend ever echo it."""
    return text.replace(key.secret, "****") if key is not None else text


def _check_uid(account_uid: str) -> str:
    uid = account_uid.strip()
    if not uid or any(char.isspace() for char in uid):
        raise CredentialsError(
            QT_TRANSLATE_NOOP("credentials", "not an account UID: {uid}").format(uid=repr(account_uid))
        )
    return uid


def save_access_key(account_uid: str, key: AccessKey) -> str:
    """Store `key` for the account, check the backend really kept it, and return the backend's name."""
    uid = _check_uid(account_uid)
    backend = _backend()
    payload = json.dumps({"id": key.key_id, "secret": key.secret})
    try:
        backend.set_password(SERVICE, uid, payload)
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials", "the keyring ({keyring}) refused the AccessKey: {reason}; the secret was NOT stored"
            ).format(keyring=_name(backend), reason=_scrub(str(exc), key))
        ) from None
    try:
        kept = backend.get_password(SERVICE, uid) == payload
    except keyring.errors.KeyringError:
        kept = False
    if not kept:
        # Whatever a backend may have kept of it is removed: the user is told nothing was stored.
        with contextlib.suppress(keyring.errors.KeyringError):
            backend.delete_password(SERVICE, uid)
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials", "the keyring ({keyring}) did not keep the AccessKey; the secret was NOT stored"
            ).format(keyring=_name(backend))
        )
    log.info("AccessKey %s stored for account %s in %s", key.masked_id, uid, _name(backend))
    return _name(backend)


def load_access_key(account_uid: str) -> AccessKey:
    """The account's AccessKey from the keyring; a clear error when there is none."""
    uid = _check_uid(account_uid)
    backend = _backend()
    try:
        payload = backend.get_password(SERVICE, uid)
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(
            QT_TRANSLATE_NOOP("credentials", "cannot read the keyring ({keyring}): {reason}").format(
                keyring=_name(backend), reason=exc
            )
        ) from None
    if payload is None:
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials",
                "no AccessKey for account {uid} in the keyring; store one with "
                "`python -m desktop credentials set --account {uid}` (it reads the ID and secret from stdin)",
            ).format(uid=uid)
        )
    try:
        data = json.loads(payload)
        return AccessKey(str(data["id"]), str(data["secret"]))
    except (ValueError, TypeError, KeyError):
        # The payload is not echoed: whatever it holds may be a secret.
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials", "the keyring entry {entry} was not written by this app; store the AccessKey again"
            ).format(entry=f"{SERVICE}/{uid}")
        ) from None


CHAIN_SOURCES = {
    "env": QT_TRANSLATE_NOOP("credentials", "the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET"),
    "profile": QT_TRANSLATE_NOOP("credentials", "the credentials file ~/.alibabacloud/credentials"),
    "cli_profile": QT_TRANSLATE_NOOP("credentials", "the Alibaba Cloud CLI's profile"),
    "ecs_ram_role": QT_TRANSLATE_NOOP("credentials", "the ECS instance's RAM role"),
    "oidc_role_arn": QT_TRANSLATE_NOOP("credentials", "the OIDC role of the environment"),
    "credential_uri": QT_TRANSLATE_NOOP("credentials", "the credentials URI of the environment"),
}
"""The providers of Alibaba Cloud's default credential chain, in the words a user is told."""


def find_access_key(account_uid: str) -> AccessKey:
    """The key a sync of the account uses: the keyring's, else the default credential chain's.

    The chain (`alibabacloud-credentials`) looks at the environment variables, the credentials
    profile, the CLI's profile and an ECS RAM role, in that order.
    """
    try:
        return load_access_key(account_uid)
    except CredentialsError as from_keyring:
        from alibabacloud_credentials.client import Client  # loads only when the keyring has none
        from alibabacloud_credentials.exceptions import CredentialException

        # The chain logs each provider it tried and failed as a warning; the refusal below says it once.
        logging.getLogger("credentials").setLevel(logging.CRITICAL)
        try:
            found = Client().get_credential()
        except CredentialException:
            # The chain's own message lists every provider's failure; the keyring's says what to do.
            raise CredentialsError(
                QT_TRANSLATE_NOOP(
                    "credentials",
                    "{reason}; nor did Alibaba Cloud's default credential chain find one (environment "
                    "variables, ~/.alibabacloud/credentials, an ECS RAM role)",
                ).format(reason=from_keyring)
            ) from None
        provider = found.provider_name.split("/")[1] if "/" in found.provider_name else found.provider_name
        source = CHAIN_SOURCES.get(provider) or Wording("credentials", provider)
        log.info("AccessKey for account %s from %s", account_uid, provider)
        return AccessKey(found.access_key_id, found.access_key_secret, found.security_token or None, source)


def delete_access_key(account_uid: str) -> bool:
    """Remove the account's AccessKey; False when there was none."""
    uid = _check_uid(account_uid)
    backend = _backend()
    try:
        if backend.get_password(SERVICE, uid) is None:
            return False
        backend.delete_password(SERVICE, uid)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(
            QT_TRANSLATE_NOOP(
                "credentials", "cannot remove the AccessKey from the keyring ({keyring}): {reason}"
            ).format(keyring=_name(backend), reason=exc)
        ) from None
    log.info("AccessKey removed for account %s from %s", uid, _name(backend))
    return True

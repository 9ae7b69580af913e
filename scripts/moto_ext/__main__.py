"""Starts moto with the extensions in the same process and port: ``python3 -m moto_ext -H 127.0.0.1 -p PORT``."""

import moto.server
from moto.core.base_backend import BackendDict

from . import settings, v1
from .app import ExtendedDispatcher


def install() -> None:
    v1.install()
    original = BackendDict.reset.__func__  # type: ignore[attr-defined]

    def reset(cls: type) -> None:
        original(cls)
        settings.reset()

    BackendDict.reset = classmethod(reset)  # type: ignore[method-assign,assignment]
    moto.server.DomainDispatcherApplication = ExtendedDispatcher  # type: ignore[misc]


if __name__ == "__main__":
    install()
    moto.server.main()

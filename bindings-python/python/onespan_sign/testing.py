"""Test helpers: an in-process OneSpan Sign API emulator.

    from onespan_sign import Client
    from onespan_sign.testing import Emulator

    with Emulator() as emu:
        client = Client(api_key=emu.api_key, base_url=emu.base_url)
        ...

The emulator is compiled into the extension: nothing else to install or run.

Like the service, every package it makes holds the owner's role (type SENDER; its ID is
``emu.sender_id``, its email ``emu.sender_email``) and the ``default-consent`` document,
and it never resends a failed callback delivery: ``Emulator(retry_deliveries=True)`` makes
it try four times.
"""

from ._native import Emulator

__all__ = ["Emulator"]

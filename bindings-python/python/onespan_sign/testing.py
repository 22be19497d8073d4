"""Test helpers: an in-process OneSpan Sign API emulator.

    from onespan_sign import Client
    from onespan_sign.testing import Emulator

    with Emulator() as emu:
        client = Client(api_key=emu.api_key, base_url=emu.base_url)
        ...

The emulator is compiled into the extension: nothing else to install or run.
"""

from ._native import Emulator

__all__ = ["Emulator"]

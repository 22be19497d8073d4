"""The coroutine every ``AsyncClient`` request method returns (see src/runtime.rs).

A Python coroutine (``inspect.iscoroutine`` is true, so ``asyncio.create_task``,
``TaskGroup`` and frameworks' checks take it) over the native call, which starts only when
this is first awaited: a call never awaited sends nothing, and cancelling the task that
awaits it drops the request.
"""

from typing import Any


async def call(pending: Any) -> Any:
    return await pending.run()

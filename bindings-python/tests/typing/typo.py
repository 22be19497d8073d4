"""Must FAIL ``mypy --strict`` (tests/test_typing.py): a misspelt model keyword."""

from onespan_sign import Signer

signer = Signer(email="a@x.com", frist_name="Ann")

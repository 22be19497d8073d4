"""Arguments read before any request (src/args.rs, core/src/surface/input.rs): a wrong type
of every argument kind is an `InvalidArgumentError` in Python's words, and a dict with
snake_case keys where the wire's camelCase is expected is refused, naming both forms.

Issue 11, items 13 and 14. Each case runs with `Client` and with `AsyncClient`.
"""

from __future__ import annotations

import re

import pytest

from onespan_sign import Client, InvalidArgumentError, Signer

# Words of Rust, serde or pyo3 that a Python user must never read in an error.
RUST_WORDS = re.compile(
    r"\bVec\b|\bString\b|\bi64\b|\bu64\b|\bu32\b|\busize\b|\bf64\b|PyString|PyAny|PyDict|extract"
    r"|\bstruct\b|\bsequence\b|\bmap\b|\bOption\b|\bboolean\b|\binteger\b|floating point"
)


def assert_python_words(message: str) -> None:
    assert not RUST_WORDS.search(message), message


# --- item 13: snake_case keys in wire JSON -----------------------------------------------


def test_a_snake_case_key_in_a_package_dict_is_refused_before_any_request(api, emulator):
    with pytest.raises(InvalidArgumentError) as info:
        api.packages.create({"name": "x", "roles": [{"signers": [{"first_name": "Ann"}]}]})
    message = str(info.value)
    assert '"first_name"' in message and '"firstName"' in message, message
    assert "package.roles[0].signers[0]" in message, message
    assert isinstance(info.value, ValueError)
    assert emulator.api_requests == 0


def test_snake_case_keys_are_refused_in_every_model_argument(api, emulator):
    package_id = api.packages.create({"name": "p"})
    before = emulator.api_requests
    with pytest.raises(InvalidArgumentError, match='"email_message".*"emailMessage"'):
        api.packages.update(package_id, {"email_message": "hi"})
    with pytest.raises(InvalidArgumentError, match='"last_name".*"lastName"'):
        api.roles.create(package_id, {"id": "R", "signers": [{"email": "a@x.com", "last_name": "Lee"}]})
    with pytest.raises(InvalidArgumentError, match='"email_message".*"emailMessage"'):
        api.roles.update(package_id, "R", {"email_message": {"content": "hi"}})
    assert emulator.api_requests == before


def test_camel_case_dicts_and_snake_case_model_keywords_are_both_accepted(api):
    from_dict = api.packages.create(
        {"name": "d", "roles": [{"id": "R", "signers": [{"email": "a@x.com", "firstName": "Ann"}]}]}
    )
    from_model = api.packages.create(
        {"name": "m", "roles": [{"id": "R", "signers": [Signer(email="a@x.com", first_name="Ann")]}]}
    )
    for package_id in (from_dict, from_model):
        assert api.packages.get(package_id).roles[1].signers[0].first_name == "Ann"  # [0]: the owner


def test_unknown_snake_case_keys_that_are_no_fields_wire_name_are_kept(api):
    package_id = api.packages.create({"name": "x", "my_custom_field": 1})
    assert api.packages.get(package_id).extra.get("my_custom_field") == 1


# --- item 14: wrong argument types, in Python's words ------------------------------------

# (method path, arguments, keyword arguments, what the message must name)
WRONG_TYPES = [
    # Id
    ("packages.get", (7,), {}, "package_id must be a str, not int"),
    ("packages.get", (None,), {}, "package_id must be a str, not None"),
    ("roles.get", ("p", b"role"), {}, "role_id must be a str, not bytes"),
    ("auth_tokens.create_single_use", ("p", ["a@x.com"]), {}, "signer must be a str, not list"),
    # OptId, OptText
    ("packages.signing_status", ("p",), {"signer": 1}, "signer must be a str, not int"),
    ("roles.signature_image", ("p", "r"), {"format": 2}, "format must be a str, not int"),
    # Ids
    ("roles.reorder", ("p", "Signer1"), {}, "role_ids must be a list of str, not str"),
    ("roles.reorder", ("p", [1, 2]), {}, "each of role_ids must be a str, not int"),
    ("roles.reorder", ("p", {"Signer1": 1}), {}, "role_ids must be a list of str, not dict"),
    # Model
    ("packages.create", (["not", "a", "package"],), {}, "package must be a Package or a dict of its wire JSON, not list"),
    ("packages.create", ("Lease",), {}, "not str"),
    ("roles.create", ("p", 5), {}, "role must be a Role or a dict of its wire JSON, not int"),
    ("packages.create", ({"name": 1},), {}, "package.name must be a str, not int"),
    ("packages.create", ({"name": "x", "roles": {"id": "r"}},), {}, "package.roles must be a list, not dict"),
    ("packages.create", ({"name": "x", "roles": [{"index": "one"}]},), {}, "package.roles[0].index must be a whole number, not str"),
    ("packages.create", ({"name": "x", "autocomplete": "yes"},), {}, "package.autocomplete must be a bool, not str"),
    ("packages.create", ({"name": "x", "roles": [7]},), {}, "package.roles[0] must be a dict, not int"),
    ("callbacks.set", ({"url": "https://example.invalid", "events": "PACKAGE_COMPLETE"},), {}, "config.events must be a list, not str"),
    ("packages.create", ({"name": object()},), {}, "cannot be sent as JSON: a object"),
    ("packages.create", ({1: "x"},), {}, "has a key that is not a str: int"),
    # Documents
    ("packages.create", ({"name": "x"}, ("a.pdf", b"%PDF")), {}, "documents must be a list of (file_name, bytes) tuples"),
    ("packages.create", ({"name": "x"}, [("a.pdf",)]), {}, "documents must be a list of (file_name, bytes) tuples"),
    ("packages.create", ({"name": "x"}, ["a.pdf"]), {}, "documents must be a list of (file_name, bytes) tuples"),
    ("packages.create", ({"name": "x"}, "a.pdf"), {}, "documents must be a list of (file_name, bytes) tuples"),
    ("packages.create", ({"name": "x"}, [("a.pdf", "text")]), {}, 'the content of "a.pdf" must be bytes, not str'),
    ("packages.create", ({"name": "x"}, [(1, b"%PDF")]), {}, "a document's file name must be a str, not int"),
]


@pytest.mark.parametrize(
    "method, args, kwargs, named", WRONG_TYPES, ids=[f"{m}-{n[:40]}" for m, _, _, n in WRONG_TYPES]
)
def test_a_wrong_argument_type_is_an_invalid_argument_error_in_python_words(
    api, emulator, method, args, kwargs, named
):
    service, name = method.split(".")
    with pytest.raises(InvalidArgumentError) as info:
        getattr(getattr(api, service), name)(*args, **kwargs)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert named in message, message
    assert_python_words(message)
    assert emulator.api_requests == 0


WRONG_OPTIONS = [
    ({"timeuot": 5}, 'unknown option "timeuot"'),
    ({"max_retry": 1}, 'unknown option "max_retry" (did you mean "max_retries"?); the options are api_key, client_id'),
    ({"baseUrl": "http://127.0.0.1:1"}, 'unknown option "baseUrl"'),
    ({"timeout": "5"}, "timeout must be a positive number of seconds, not str"),
    ({"timeout": [5]}, "timeout must be a positive number of seconds, not list"),
    ({"timeout": True}, "timeout must be a positive number of seconds, not bool"),
    ({"max_retries": 1.5}, "max_retries must be a whole number of at least 0, not float"),
    ({"max_retries": -1}, "max_retries must be a whole number of at least 0, not int"),
    ({"max_connections": "4"}, "max_connections must be a whole number of at least 1, not str"),
    ({"base_url": 8080}, "base_url must be a str, not int"),
    ({"environment": ["us"]}, "environment must be a str, not list"),
    ({"proxy": 3128}, "proxy must be a str, not int"),
    ({"ca_bundle": b"/etc/ssl/ca.pem"}, "cannot be sent as JSON: a bytes"),
    ({"api_key": 123}, "api_key must be a str, not int"),
]


@pytest.mark.parametrize("client_class", ["Client", "AsyncClient"])
@pytest.mark.parametrize("options, named", WRONG_OPTIONS, ids=[n[:40] for _, n in WRONG_OPTIONS])
def test_a_wrong_option_is_an_invalid_argument_error_in_python_words(emulator, client_class, options, named):
    import onespan_sign

    cls = getattr(onespan_sign, client_class)
    args = {"api_key": emulator.api_key, "base_url": emulator.base_url, **options}
    with pytest.raises(InvalidArgumentError) as info:
        cls(**args)
    assert named in str(info.value), str(info.value)
    assert_python_words(str(info.value))


def test_with_options_refuses_unknown_and_mistyped_options_in_python_words(emulator):
    client = Client(api_key=emulator.api_key, base_url=emulator.base_url)
    for options, named in [
        ({"proxy": "http://127.0.0.1:9"}, 'unknown option "proxy"; the options are timeout, max_retries'),
        ({"timeout": "1"}, "timeout must be a positive number of seconds, not str"),
        ({"max_retries": None, "timeout": 0}, "timeout must be a positive number of seconds, not 0"),
    ]:
        with pytest.raises(InvalidArgumentError) as info:
            client.with_options(**options)
        assert named in str(info.value), str(info.value)
        assert_python_words(str(info.value))

"""Answers as Python objects (core/src/surface/output.rs, src/models.rs, the models'
`_from_wire`): what a large answer costs in memory, and that building models copies nothing
the caller can see.

Issue 11, item 11. The full-size figure (750,000 objects, 20 MB) is in
bench/python/memory_per_answer.py; this test runs the same comparison at 150,000 objects.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from onespan_sign import Client, Package, Role

OBJECTS = 150_000
FIELDS = 4  # the emulator takes bodies of up to 2 MB; an update merges the fields it is given

# Peak RSS growth of one step, in KiB, measured in a fresh process: VmHWM is reset to the
# current RSS just before the step (ru_maxrss cannot be reset, and a child's starts at its
# parent's peak).
_PEAK = r"""
import json, re, sys
def hwm():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))
def reset():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
"""

_SDK = _PEAK + r"""
from onespan_sign import Client
base_url, api_key, big, small = sys.argv[1:5]
client = Client(api_key=api_key, base_url=base_url)
client.packages.get(small)                    # warm: runtime, connection, model classes
reset(); before = hwm()
package = client.packages.get(big)
grown = hwm() - before
print(json.dumps({"kib": grown, "objects": sum(len(v) for k, v in package.extra.items() if k.startswith("data"))}))
"""

_JSON_LOADS = _PEAK + r"""
import urllib.request
base_url, api_key, big, small = sys.argv[1:5]
req = urllib.request.Request(f"{base_url}/api/packages/{big}", headers={"Authorization": f"Basic {api_key}"})
with urllib.request.urlopen(req, timeout=60) as resp:
    body = resp.read()
json.loads('{"warm": [{"id": 1}]}')
reset(); before = hwm()
package = json.loads(body)
grown = hwm() - before
print(json.dumps({"kib": grown, "objects": sum(len(v) for k, v in package.items() if k.startswith("data"))}))
"""


def _peak_growth(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_a_large_answer_costs_at_most_three_times_what_json_loads_costs(emulator):
    api = Client(api_key=emulator.api_key, base_url=emulator.base_url)
    big = api.packages.create({"name": "big"})
    small = api.packages.create({"name": "small"})
    per_field = OBJECTS // FIELDS
    for f in range(FIELDS):
        chunk = [{"id": i, "ref": f"r{i}"} for i in range(f * per_field, (f + 1) * per_field)]
        api.packages.update(big, {"name": "big", f"data{f}": chunk})
    args = (emulator.base_url, emulator.api_key, big, small)
    sdk = _peak_growth(_SDK, *args)
    loads = _peak_growth(_JSON_LOADS, *args)
    assert sdk["objects"] == loads["objects"] == OBJECTS
    ratio = sdk["kib"] / loads["kib"]
    print(f"{OBJECTS} objects: packages.get +{sdk['kib'] / 1024:.1f} MiB, "
          f"json.loads +{loads['kib'] / 1024:.1f} MiB, ratio {ratio:.2f}")
    assert ratio <= 3.0


def test_models_take_over_the_answers_dicts_without_copying():
    role = {"id": "R", "signers": [{"email": "a@x.com", "custom": 1}], "roleExtra": [1, 2]}
    answer = {"name": "n", "roles": [role], "data": [{"id": 1}]}
    data = answer["data"]
    package = Package._from_wire(answer)
    assert package.extra is answer and package.extra == {"data": [{"id": 1}]}
    assert package.extra["data"] is data
    assert package.roles[0].extra is role and role == {"roleExtra": [1, 2]}
    assert package.roles[0].signers[0].extra == {"custom": 1}


def test_from_dict_leaves_the_callers_dict_as_it_was():
    given = {"name": "n", "roles": [{"id": "R", "signers": [{"email": "a@x.com", "custom": 1}]}], "data": [1]}
    snapshot = json.loads(json.dumps(given))
    package = Package.from_dict(given)
    assert given == snapshot
    assert package.extra == {"data": [1]} and package.extra is not given
    assert isinstance(package.roles[0], Role) and package.roles[0].signers[0].extra == {"custom": 1}
    assert package.to_dict() == snapshot


def test_an_answers_unknown_fields_keep_their_order_and_values(api):
    fields = {"zeta": {"nested": [1, {"a": None}]}, "alpha": "x", "mid": [True, 1.5, -7, 2**63]}
    package_id = api.packages.create({"name": "order", **fields})
    package = api.packages.get(package_id)
    assert {k: package.extra[k] for k in fields} == fields
    assert [k for k in package.extra if k in fields] == list(fields)


def test_an_answers_model_is_what_from_dict_builds_from_its_json(emulator, api):
    # The binding builds models from the answer itself (src/models.rs, from each class's
    # `_spec`); `from_dict` is the Python path. The two must agree attribute for attribute.
    package_id = api.packages.create({
        "name": "same", "custom": {"kept": [1, None]},
        "roles": [{"id": "R1", "signers": [{"email": "a@x.com", "firstName": "A", "lastName": "B"}]}],
    })
    built = api.packages.get(package_id)
    req = urllib.request.Request(f"{emulator.base_url}/api/packages/{package_id}",
                                 headers={"Authorization": f"Basic {emulator.api_key}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        wire = json.loads(resp.read())
    expected = Package.from_dict(wire)
    assert built == expected
    assert list(vars(built)) == list(vars(expected))
    assert built.extra["custom"] == {"kept": [1, None]}
    role = next(r for r in built.roles if r.id == "R1")
    assert type(role) is Role and list(vars(role)) == list(vars(next(r for r in expected.roles if r.id == "R1")))
    assert type(role.signers[0]).__name__ == "Signer" and role.signers[0].email == "a@x.com"

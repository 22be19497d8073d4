"""The PEP 517 backend of the sdist: maturin's, after one check that Rust is there.

Without ``cargo``, maturin would either fail deep in a ``cargo metadata`` call or fetch a
Rust toolchain from the network during ``pip install``; a user installing from source gets
one line saying what is missing instead.
"""

import os
import shutil
from typing import Any, Dict, List, Optional

import maturin

NO_RUST = (
    "onespan-sign: building from source needs Rust (cargo 1.88 or later) on PATH, and none was "
    "found: install Rust (https://rustup.rs), or install a prebuilt wheel "
    "(Linux x86_64 or aarch64, glibc 2.17+ or musl)"
)


def _need_rust() -> None:
    if shutil.which(os.environ.get("CARGO", "cargo")) is None:
        raise SystemExit(NO_RUST)


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    _need_rust()
    return list(maturin.get_requires_for_build_wheel(config_settings))


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    _need_rust()
    return list(maturin.get_requires_for_build_sdist(config_settings))


def get_requires_for_build_editable(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    _need_rust()
    return list(maturin.get_requires_for_build_wheel(config_settings))


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: Optional[Dict[str, Any]] = None
) -> str:
    _need_rust()
    return str(maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings))


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    _need_rust()
    return str(maturin.build_wheel(wheel_directory, config_settings, metadata_directory))


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Dict[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    _need_rust()
    return str(maturin.build_editable(wheel_directory, config_settings, metadata_directory))


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    _need_rust()
    return str(maturin.build_sdist(sdist_directory, config_settings))

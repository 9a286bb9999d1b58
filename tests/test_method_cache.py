"""The dataclass method cache: the same classes, compiled once across starts."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from electionboard import method_cache
from tests.child_python import run_python

_CLASS = """
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True, order=True)
class Sample:
    name: str
    votes: int = 0
    parts: tuple[int, ...] = field(default=())
"""


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "pycache" / "dataclass_methods.marshal"
    monkeypatch.setattr(method_cache, "cache_path", lambda: path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    method_cache.uninstall()
    yield path
    method_cache.uninstall()


def _made() -> type:
    namespace: dict[str, object] = {"__name__": __name__}
    exec(_CLASS, namespace)
    made = namespace["Sample"]
    assert isinstance(made, type)
    return made


def _methods(made: type) -> dict[str, object]:
    names = ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__")
    return {name: getattr(made, name).__code__ for name in names}


@pytest.mark.usefixtures("cache_file")
def test_a_class_made_from_the_cache_is_the_class_made_without_it() -> None:
    plain = _methods(_made())
    assert method_cache.install()
    compiled = _made()
    assert method_cache.save()
    method_cache.uninstall()
    assert method_cache.install()
    cached = _made()
    assert _methods(compiled) == plain
    assert _methods(cached) == plain
    one = cached("a", 2, (1,))
    assert one == cached("a", 2, (1,))
    assert one < cached("b")
    assert repr(one) == "Sample(name='a', votes=2, parts=(1,))"
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.votes = 3


def test_a_second_start_compiles_nothing_and_writes_nothing(cache_file: Path) -> None:
    assert method_cache.install()
    _made()
    assert method_cache.save()
    written = cache_file.stat().st_mtime_ns
    method_cache.uninstall()
    assert method_cache.install()
    _made()
    assert not method_cache.save()  # every method came from the file
    assert cache_file.stat().st_mtime_ns == written


def test_with_bytecode_off_nothing_is_read_or_written(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert not method_cache.install()
    _made()
    assert not method_cache.save()
    assert not cache_file.exists()
    assert getattr(dataclasses, "exec", None) is None


@pytest.mark.parametrize("garbage", [b"", b"\x00not marshal", b"\xe9\x01\x00\x00\x00"])
def test_a_broken_cache_file_is_passed_over_and_replaced(
    cache_file: Path, garbage: bytes
) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(garbage)
    assert method_cache.install()
    made = _made()
    assert made("x").votes == 0
    assert method_cache.save()
    method_cache.uninstall()
    assert method_cache.install()
    _made()
    assert not method_cache.save()


def test_an_unwritable_folder_only_skips_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setattr(method_cache, "cache_path", lambda: blocker / "cache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    method_cache.uninstall()
    try:
        assert method_cache.install()
        assert _made()("x").name == "x"
        assert not method_cache.save()
    finally:
        method_cache.uninstall()


_DIGEST = """
import hashlib, importlib, json, pkgutil, sys, dataclasses, types
from electionboard import method_cache

def fields(code):
    # What the code does and says, not how marshal happened to lay it out.
    consts = tuple(
        fields(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts
    )
    return (
        code.co_code, consts, code.co_names, code.co_varnames, code.co_freevars,
        code.co_cellvars, code.co_filename, code.co_name, code.co_qualname,
        code.co_firstlineno, code.co_linetable, code.co_exceptiontable,
        code.co_flags, code.co_argcount, code.co_kwonlyargcount,
        code.co_posonlyargcount, code.co_stacksize,
    )

method_cache.install()
import electionboard.model
digest = {}
for info in pkgutil.iter_modules(electionboard.model.__path__, "electionboard.model."):
    module = importlib.import_module(info.name)
    for name, value in sorted(vars(module).items()):
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            for attr, member in sorted(vars(value).items()):
                code = getattr(member, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    key = f"{value.__module__}.{value.__qualname__}.{attr}"
                    made = repr(fields(code)).encode()
                    digest[key] = hashlib.sha256(made).hexdigest()
print(json.dumps({"wrote": method_cache.save(), "methods": digest}))
"""


def _model_methods(pycache: Path | None) -> dict[str, object]:
    if pycache is None:
        out = run_python(_DIGEST, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX="")
    else:
        out = run_python(
            _DIGEST, PYTHONDONTWRITEBYTECODE="", PYTHONPYCACHEPREFIX=str(pycache)
        )
    result = json.loads(out)
    assert isinstance(result, dict)
    return result


def test_the_models_classes_come_out_the_same_from_a_cache_another_start_wrote(
    tmp_path: Path,
) -> None:
    plain = _model_methods(None)
    first = _model_methods(tmp_path / "pycache")
    second = _model_methods(tmp_path / "pycache")
    assert not plain["wrote"]
    assert first["wrote"]
    assert not second["wrote"]
    methods = plain["methods"]
    assert isinstance(methods, dict)
    assert len(methods) > 100
    assert first["methods"] == methods
    assert second["methods"] == methods
    assert list((tmp_path / "pycache").rglob("dataclass_methods.*.marshal"))


@pytest.mark.usefixtures("cache_file")
def test_a_cache_grown_past_its_bound_keeps_only_what_this_run_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(method_cache, "_MOST_KEPT", 3)
    assert method_cache.install()
    for number in range(4):  # four classes' old texts, unused from now on
        exec(f"@__import__('dataclasses').dataclass\nclass Old{number}:\n    x: int\n")
    assert method_cache.save()
    method_cache.uninstall()
    assert method_cache.install()
    _made()  # new texts: past the bound, so only these are kept
    assert method_cache.save()
    method_cache.uninstall()
    assert method_cache.install()
    _made()
    assert not method_cache.save()  # what this run used was kept
    exec("@__import__('dataclasses').dataclass\nclass Old0:\n    x: int\n")
    assert method_cache.save()  # the old one was dropped: compiled again


def test_a_frozen_app_makes_its_classes_the_plain_way(
    cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert not method_cache.install()
    _made()
    assert not method_cache.save()
    assert not cache_file.exists()

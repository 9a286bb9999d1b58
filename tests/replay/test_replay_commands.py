"""The ``replay`` and ``record`` commands: help, one-line errors, a real process."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from electionboard.cli import main
from tests.replay.helpers import get, sample_bytes


@pytest.mark.parametrize("command", ["replay", "record"])
def test_help_exits_zero(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: electionboard" in capsys.readouterr().out


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("electionboard: error: ")
    return lines[0]


def test_a_bad_path_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", str(tmp_path / "nope"), "--port", "0"]) != 0
    assert "no such file or folder" in one_error_line(capsys)


def test_a_busy_port_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["replay", "--port", str(port)]) != 0
    assert f"cannot listen on 127.0.0.1:{port}" in one_error_line(capsys)


def test_a_bad_speed_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["replay", "--speed", "0"])
    assert exit_info.value.code != 0
    assert "must be a positive number" in capsys.readouterr().err


def test_replay_process_steps_on_enter_and_stops_on_ctrl_c() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "electionboard", "replay", "--port", "0", "--step"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            url = process.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:")
            assert url.endswith("/feed")
            assert process.stdout.readline().startswith("1/20 00.json")
            assert get(url).content == sample_bytes(0)
            process.stdin.write("\n")
            process.stdin.flush()
            assert process.stdout.readline().startswith("2/20 01.json")
            assert get(url).content == sample_bytes(1)
            process.send_signal(signal.SIGINT)
            _out, err = process.communicate(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert "replay stopped" in err

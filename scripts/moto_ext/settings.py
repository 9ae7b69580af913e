"""The endpoint's own knobs, set through POST /ggml-emu/settings and restored by POST /moto-api/reset."""

import threading
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Seconds per step of a deployment or a component version: V2 devices go QUEUED → IN_PROGRESS (one step) →
    # SUCCEEDED / FAILED (two steps); component versions REQUESTED → DEPLOYABLE / FAILED (one step); V1
    # deployments InProgress → Success / Failure (one step) when they finish at all.
    "stepSeconds": 1.0,
    # V1 deployments: "stay" keeps moto's behaviour (InProgress for ever) unless a name asks for an outcome
    # (a group or function name containing "fail-deploy" or "pass-deploy"); "finish" makes every deployment succeed.
    "v1Deployments": "stay",
}
_lock = threading.Lock()
_values: dict[str, Any] = dict(DEFAULTS)
_throttle: dict[str, Any] = {"count": 0, "operations": None}


def get() -> dict[str, Any]:
    with _lock:
        return dict(_values)


def step() -> float:
    return float(_values["stepSeconds"])


def update(changes: dict[str, Any]) -> dict[str, Any]:
    problems = []
    for key, value in changes.items():
        if key == "stepSeconds":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 3600:
                problems.append(f"stepSeconds must be a number of seconds from 0 to 3600: {value!r}")
        elif key == "v1Deployments":
            if value not in ("stay", "finish"):
                problems.append(f"v1Deployments must be \"stay\" or \"finish\": {value!r}")
        else:
            problems.append(f"Unknown setting; the settings are {', '.join(DEFAULTS)}: {key}")
    if problems:
        raise ValueError("; ".join(problems))
    with _lock:
        _values.update(changes)
        return dict(_values)


def throttle(count: int, operations: list[str] | None) -> None:
    with _lock:
        _throttle["count"] = count
        _throttle["operations"] = set(operations) if operations else None


def take_throttle(operation: str) -> bool:
    """Whether this request is one of the next N that the endpoint answers with ThrottlingException."""
    with _lock:
        ops = _throttle["operations"]
        if _throttle["count"] > 0 and (ops is None or operation in ops):
            _throttle["count"] -= 1
            return True
        return False


def reset() -> None:
    with _lock:
        _values.clear()
        _values.update(DEFAULTS)
        _throttle.update(count=0, operations=None)

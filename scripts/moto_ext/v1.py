"""Greengrass V1 in moto, completed: deployments that finish, and ResetDeployments reachable in server mode.

moto keeps every V1 deployment InProgress. Here a deployment stays InProgress for one step (settings.stepSeconds)
and then, if anything asks for an outcome, ends:
- Failure, with ErrorMessage and ErrorDetails naming the function, when the group's name or a deployed function's
  name contains "fail-deploy";
- Success when a name contains "pass-deploy", or for every deployment once the setting v1Deployments is "finish".
Otherwise it stays InProgress, as moto has it (the default, so that existing expectations hold).
"""

import re
from datetime import timedelta
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.core.utils import iso_8601_datetime_with_milliseconds, utcnow
from moto.greengrass import models as gg
from moto.greengrass.exceptions import ResourceNotFoundException

from . import settings
from .protocol import ApiError

RESET_PATH = re.compile(r"^/greengrass/groups/(?P<group>[^/]+)/deployments/\$reset/?$")


class _Status:
    def __init__(self, body: dict[str, Any]):
        self.body = body

    def to_dict(self) -> dict[str, Any]:
        return self.body


def _functions(backend: Any, deployment: Any) -> list[str]:
    """The FunctionArns of the group version a deployment deploys."""
    m = re.search(r"groups/([^/]+)/versions/([^/]+)$", deployment.group_arn)
    if not m:
        return []
    version = backend.group_versions.get(m.group(1), {}).get(m.group(2))
    arn = getattr(version, "function_definition_version_arn", None) or ""
    f = re.search(r"definition/functions/([^/]+)/versions/([^/]+)$", arn)
    if not f:
        return []
    fv = backend.function_definition_versions.get(f.group(1), {}).get(f.group(2))
    return [str(fn.get("FunctionArn", "")) for fn in (getattr(fv, "functions", None) or []) if isinstance(fn, dict)]


def outcome(backend: Any, deployment: Any) -> tuple[str, dict[str, Any]]:
    """Where a deployment stands now: its status and the error fields of a failure."""
    group = backend.groups.get(deployment.group_id)
    names = [getattr(group, "name", "") or ""]
    functions = _functions(backend, deployment)
    elapsed = (utcnow() - deployment.created_at_datetime).total_seconds()
    if elapsed < settings.step():
        return "InProgress", {}
    failing = [f for f in functions if "fail-deploy" in f.split(":function:", 1)[-1]]
    if failing or any("fail-deploy" in n for n in names):
        details = [{"DetailedErrorCode": "GG-303" if not failing else "GG-202",
                    "DetailedErrorMessage": f"The Lambda function {f} failed to start on the core: its handler raised an exception while loading. Check the function's log on the core (/greengrass/ggc/var/log/user/)."}
                   for f in failing] or [{"DetailedErrorCode": "GG-303", "DetailedErrorMessage": "The core rejected the group configuration."}]
        return "Failure", {
            "ErrorMessage": f"Deployment {deployment.id} of type {deployment.deployment_type} for group {deployment.group_id} failed: "
                            + (f"{len(failing)} Lambda function{'s' if len(failing) != 1 else ''} failed to start" if failing else "the core rejected the configuration"),
            "ErrorDetails": details,
        }
    if any("pass-deploy" in f.split(":function:", 1)[-1] for f in functions) or any("pass-deploy" in n for n in names) \
            or settings.get()["v1Deployments"] == "finish":
        return "Success", {}
    return "InProgress", {}


def get_deployment_status(self: Any, group_id: str, deployment_id: str) -> _Status:
    deployment = self.deployments.get(deployment_id)
    if deployment is None or deployment.group_id != group_id:
        raise gg.InvalidInputException(f"Deployment '{deployment_id}' does not exist.")
    status, errors = outcome(self, deployment)
    updated = deployment.created_at_datetime if status == "InProgress" else deployment.created_at_datetime + timedelta(seconds=settings.step())
    return _Status({"DeploymentStatus": status, "DeploymentType": deployment.deployment_type,
                    "UpdatedAt": iso_8601_datetime_with_milliseconds(updated), **errors})


def reset_deployments(self: Any, group_id: str, force: bool = False) -> Any:
    """moto's ResetDeployments, with Force honoured and the group's own deployments consulted."""
    if group_id not in self.groups:
        raise ResourceNotFoundException("That Group Definition does not exist.")
    deployment_type = "ForceResetDeployment"
    if not force:
        mine = [d for d in self.deployments.values() if d.group_id == group_id]
        if not mine or mine[-1].deployment_type not in ("NewDeployment", "Redeployment"):
            raise ResourceNotFoundException(f"Group id: {group_id} has not been deployed or has already been reset.")
        deployment_type = "ResetDeployment"
    group = self.groups[group_id]
    deployment = gg.FakeDeployment(self.account_id, self.region_name, group_id, group.arn, deployment_type)
    self.deployments[deployment.id] = deployment
    return deployment


def install() -> None:
    gg.GreengrassBackend.get_deployment_status = get_deployment_status  # type: ignore[method-assign]
    gg.GreengrassBackend.reset_deployments = reset_deployments  # type: ignore[method-assign]


def handle_reset(group_id: str, params: dict[str, Any], account_id: str, region: str) -> tuple[int, dict[str, Any]]:
    """ResetDeployments. AWS names one error for it, BadRequestException (400), so moto's errors are answered as that."""
    backend = gg.greengrass_backends[account_id][region]
    try:
        d = backend.reset_deployments(group_id, force=bool(params.get("Force")))
    except JsonRESTError as e:
        raise ApiError(400, "BadRequestException", e.message)
    return 200, d.to_dict()

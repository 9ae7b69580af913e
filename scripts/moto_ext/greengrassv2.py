"""AWS IoT Greengrass V2 for the local endpoint: components (recipes stored and returned), deployments to thing
groups and things from moto's IoT, core devices whose effective deployments and installed components progress
over time.

Scripted outcomes (so tests and the demo can show failures without a device):
- a component version whose recipe names an S3 artifact that is not in the endpoint's S3, or whose Lambda
  function version does not exist in its Lambda, becomes FAILED with the reason per artifact;
- a deployment that includes a component whose name contains ``FailDeploy`` fails on every device, that
  component BROKEN (installed only when the deployment's failure handling is DO_NOTHING);
- a core device whose thing name ends with ``-fail`` fails every deployment it takes (a device error).
"""

import base64
import json
import re
import threading
import time
import uuid
from typing import Any

import yaml
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict, BaseBackend

from . import settings
from .protocol import ApiError, conflict, not_found, validation_error

PUBLIC_COMPONENTS = {
    "aws.greengrass.Nucleus": ("2.14.3", "The Greengrass nucleus component provides functionality for device side orchestration of deployments and lifecycle management for execution of Greengrass components and applications."),
    "aws.greengrass.LambdaLauncher": ("2.0.13", "Handles the processes and environment configuration for Lambda functions."),
    "aws.greengrass.LambdaRuntimes": ("2.0.8", "Provides the runtimes that Lambda function components need."),
    "aws.greengrass.LambdaManager": ("2.3.5", "Handles process management and communication for Lambda functions."),
    "aws.greengrass.TokenExchangeService": ("2.0.3", "Makes AWS credentials available to components."),
    "aws.greengrass.LegacySubscriptionRouter": ("2.1.13", "Routes V1-style subscriptions between Lambda function components and AWS IoT Core."),
    "aws.greengrass.ShadowManager": ("2.3.10", "Enables local shadow services and synchronizes them with AWS IoT Core."),
    "aws.greengrass.StreamManager": ("2.2.1", "Processes data streams on the device and exports them to the cloud."),
    "aws.greengrass.LogManager": ("2.3.9", "Uploads logs from the device to Amazon CloudWatch Logs."),
}
NUCLEUS = "aws.greengrass.Nucleus"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
LOCK = threading.RLock()


def _now() -> float:
    return time.time()


def _page(items: list[Any], params: dict[str, Any], key: str) -> tuple[list[Any], str | None]:
    """One page of a listing, as AWS pages: maxResults (default 50) and an opaque nextToken."""
    size = params.get("maxResults") or 50
    start = 0
    token = params.get("nextToken")
    if token:
        try:
            doc = json.loads(base64.urlsafe_b64decode(token.encode() + b"==="))
            if doc.get("k") != key:
                raise ValueError(key)
            start = int(doc["o"])
        except (ValueError, KeyError, TypeError):
            raise validation_error(f"The nextToken is not valid for this request. Repeat the request without it to start over: {token[:40]}", reason="OTHER")
    page = items[start:start + size]
    more = start + size < len(items)
    next_token = base64.urlsafe_b64encode(json.dumps({"k": key, "o": start + size}).encode()).decode().rstrip("=") if more else None
    return page, next_token


class Component:
    def __init__(self, name: str, version: str, arn: str, recipe: bytes, recipe_format: str, description: str,
                 publisher: str, platforms: list[dict[str, Any]], errors: dict[str, str], tags: dict[str, str]):
        self.name, self.version, self.arn = name, version, arn
        self.recipe, self.recipe_format = recipe, recipe_format
        self.description, self.publisher, self.platforms = description, publisher, platforms
        self.created = _now()
        self.errors = errors
        self.tags = tags

    def state(self, step: float) -> tuple[str, str]:
        if _now() < self.created + step:
            return "REQUESTED", "The component version is being created."
        if self.errors:
            return "FAILED", "The component version could not be created: " + "; ".join(f"{k}: {v}" for k, v in self.errors.items())
        return "DEPLOYABLE", "NONE"

    def status(self, step: float) -> dict[str, Any]:
        state, message = self.state(step)
        out: dict[str, Any] = {"componentState": state, "message": message, "errors": dict(self.errors) if state == "FAILED" else {}}
        return out


class Deployment:
    def __init__(self, deployment_id: str, arn: str, params: dict[str, Any], revision: int, job_arn: str):
        self.id = deployment_id
        self.arn = arn
        self.target = params["targetArn"]
        self.parent = params.get("parentTargetArn")
        self.name = params.get("deploymentName")
        self.components: dict[str, Any] = params.get("components") or {}
        self.policies = params.get("deploymentPolicies") or {}
        self.job_config = params.get("iotJobConfiguration")
        self.tags = dict(params.get("tags") or {})
        self.revision = revision
        self.created = _now()
        self.job_id = job_arn.rsplit("/", 1)[-1]
        self.job_arn = job_arn
        self.canceled = False
        self.latest = True
        self.devices: list[str] = []


class Effective:
    """One core device's copy of a deployment and where it stands."""

    def __init__(self, deployment: Deployment, device: str, outcome: dict[str, Any] | None):
        self.deployment = deployment
        self.device = device
        self.outcome = outcome  # None: success; else {reason, errorStack, errorTypes, broken: [names]}
        self.created = deployment.created
        self.modified = deployment.created
        self.final: str | None = None
        self.canceled = False


class CoreDevice:
    def __init__(self, name: str, info: dict[str, Any]):
        self.name = name
        self.platform = info.get("platform", "linux")
        self.architecture = info.get("architecture", "aarch64")
        self.core_version = info.get("coreVersion", PUBLIC_COMPONENTS["aws.greengrass.Nucleus"][0])
        self.runtime = info.get("runtime", "aws_nucleus_classic")
        self.reported_status = info.get("status")
        self.last_failed = False
        self.updated = _now()
        self.tags: dict[str, str] = dict(info.get("tags") or {})
        now = _now()
        self.installed: dict[str, dict[str, Any]] = {
            "aws.greengrass.Nucleus": {"componentName": "aws.greengrass.Nucleus", "componentVersion": self.core_version,
                                       "lifecycleState": "FINISHED", "isRoot": False, "source": None, "changed": now},
        }

    def status(self) -> str:
        if self.reported_status in ("HEALTHY", "UNHEALTHY"):
            return self.reported_status
        broken = any(c["lifecycleState"] in ("BROKEN", "ERRORED") for c in self.installed.values())
        return "UNHEALTHY" if broken or self.last_failed else "HEALTHY"


class GreengrassV2Backend(BaseBackend):
    def __init__(self, region_name: str, account_id: str):
        super().__init__(region_name, account_id)
        self.components: dict[str, dict[str, Component]] = {}
        self.deployments: dict[str, Deployment] = {}
        self.core_devices: dict[str, CoreDevice] = {}
        self.effective: list[Effective] = []
        self.tokens: dict[str, str] = {}

    # ---------------------------------------------------------------- helpers
    def _arn(self, kind: str, rest: str) -> str:
        return f"arn:aws:greengrass:{self.region_name}:{self.account_id}:{kind}:{rest}"

    def _iot(self) -> Any:
        from moto.iot.models import iot_backends
        return iot_backends[self.account_id][self.region_name]

    def _parse_component_arn(self, arn: str, versioned: bool) -> tuple[str, str, str | None]:
        m = re.match(r"^arn:[^:]*:greengrass:([^:]*):(aws|[0-9]+):components:([^:]+)(?::versions:([^:]+))?$", arn)
        if not m or (versioned and not m.group(4)):
            raise validation_error(f"The ARN is not a component{' version' if versioned else ''} ARN: {arn}", reason="FIELD_VALIDATION_FAILED",
                                    fields=[{"name": "arn", "message": "not a component ARN"}])
        return m.group(2), m.group(3), m.group(4)

    def _public(self, name: str, version: str | None) -> Component | None:
        if name not in PUBLIC_COMPONENTS:
            return None
        v, desc = PUBLIC_COMPONENTS[name]
        if version and version != v:
            return None
        recipe = json.dumps({"RecipeFormatVersion": "2020-01-25", "ComponentName": name, "ComponentVersion": v,
                             "ComponentDescription": desc, "ComponentPublisher": "AWS", "ComponentType": "aws.greengrass.nucleus" if name.endswith("Nucleus") else "aws.greengrass.plugin"}, indent=2).encode()
        c = Component(name, v, f"arn:aws:greengrass:{self.region_name}:aws:components:{name}:versions:{v}", recipe, "JSON", desc, "AWS",
                      [{"name": "linux", "attributes": {"os": "linux"}}], {}, {})
        c.created = 1_600_000_000.0
        return c

    def _component(self, arn: str) -> Component:
        owner, name, version = self._parse_component_arn(arn, versioned=True)
        if owner == "aws":
            c = self._public(name, version)
            if c:
                return c
        elif owner == self.account_id:
            c = self.components.get(name, {}).get(version or "")
            if c:
                return c
        raise not_found(f"The component version does not exist: {arn}", arn, "ComponentVersion")

    # ------------------------------------------------------------- components
    def create_component_version(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        recipe_bytes = params.get("inlineRecipe")
        lam = params.get("lambdaFunction")
        if (recipe_bytes is None) == (lam is None):
            raise validation_error("Specify exactly one of inlineRecipe or lambdaFunction.", reason="OTHER")
        token = params.get("clientToken")
        if token and token in self.tokens:
            prior = self._component(self.tokens[token])
            return 201, self._created(prior)
        errors: dict[str, str] = {}
        if recipe_bytes is not None:
            recipe, fmt = _parse_recipe(recipe_bytes)
            name = str(recipe.get("ComponentName", ""))
            version = str(recipe.get("ComponentVersion", ""))
            description = str(recipe.get("ComponentDescription", "") or "")
            publisher = str(recipe.get("ComponentPublisher", "") or "")
            platforms = [{"name": (m.get("Platform") or {}).get("os", ""), "attributes": {k: str(v) for k, v in (m.get("Platform") or {}).items()}}
                         for m in recipe.get("Manifests") or [] if isinstance(m, dict) and isinstance(m.get("Platform"), dict)]
            for manifest in recipe.get("Manifests") or []:
                for artifact in (manifest.get("Artifacts") or []) if isinstance(manifest, dict) else []:
                    uri = str((artifact or {}).get("URI") or (artifact or {}).get("Uri") or "")
                    problem = self._artifact_problem(uri)
                    if problem:
                        errors[uri] = problem
            stored = recipe_bytes
        else:
            name, version, recipe, description, errors = self._lambda_recipe(lam)
            stored = json.dumps(recipe, indent=2).encode()
            fmt = "JSON"
            publisher = "AWS Lambda"
            platforms = [{"name": "linux", "attributes": {"os": "linux"}}]
        if len(name) > 128:
            raise validation_error(f"The component name is longer than 128 characters: {name[:40]}…")
        if name.startswith("aws.greengrass"):
            raise validation_error(f"Component names that start with aws.greengrass are reserved for AWS-provided components: {name}")
        if not SEMVER.match(version):
            raise validation_error(f"The component version must be a semantic version (major.minor.patch): {version}")
        if version in self.components.get(name, {}):
            arn = self._arn("components", f"{name}:versions:{version}")
            raise conflict(f"The component version already exists; publish a new version: {name} {version}", arn, "ComponentVersion")
        arn = self._arn("components", f"{name}:versions:{version}")
        c = Component(name, version, arn, stored, fmt, description, publisher, platforms, errors, dict(params.get("tags") or {}))
        self.components.setdefault(name, {})[version] = c
        if token:
            self.tokens[token] = arn
        return 201, self._created(c)

    def _created(self, c: Component) -> dict[str, Any]:
        return {"arn": c.arn, "componentName": c.name, "componentVersion": c.version, "creationTimestamp": c.created,
                "status": c.status(settings.step())}

    def _artifact_problem(self, uri: str) -> str | None:
        m = re.match(r"^s3://([^/]+)/(.+)$", uri)
        if not m:
            return None if not uri.startswith("s3://") else "The artifact URI names no object: use s3://bucket/key"
        from moto.s3.models import s3_backends
        s3 = s3_backends[self.account_id]["global"]
        try:
            bucket = s3.get_bucket(m.group(1))
        except Exception:  # moto raises MissingBucket
            return f"The artifact's bucket does not exist (404 Not Found): {m.group(1)}"
        if m.group(2) not in bucket.keys:
            return f"The artifact does not exist in Amazon S3 (404 Not Found); upload it before creating the component version: {uri}"
        return None

    def _lambda_recipe(self, lam: dict[str, Any]) -> tuple[str, str, dict[str, Any], str, dict[str, str]]:
        arn = lam["lambdaArn"]
        m = re.match(r"^arn:[^:]*:lambda:[^:]*:\d+:function:([^:]+):(.+)$", arn)
        if not m:
            raise validation_error(f"lambdaArn must name a published version of the function (…:function:NAME:VERSION): {arn}",
                                   fields=[{"name": "lambdaFunction.lambdaArn", "message": "not a function version ARN"}])
        fn, qualifier = m.group(1), m.group(2)
        if not qualifier.isdigit():
            raise validation_error(f"lambdaArn must name a function version, not an alias or $LATEST: {arn}",
                                   fields=[{"name": "lambdaFunction.lambdaArn", "message": "alias or $LATEST"}])
        errors: dict[str, str] = {}
        description = f"Imported from the Lambda function {fn} version {qualifier}."
        try:
            from moto.awslambda.models import lambda_backends
            lambda_backends[self.account_id][self.region_name].get_function(fn, qualifier)
        except Exception:
            errors[arn] = f"The Lambda function version does not exist; publish it first: {fn}:{qualifier}"
        name = lam.get("componentName") or fn
        version = lam.get("componentVersion") or f"{qualifier}.0.0"
        params = lam.get("componentLambdaParameters") or {}
        recipe = {
            "RecipeFormatVersion": "2020-01-25", "ComponentName": name, "ComponentVersion": version,
            "ComponentType": "aws.greengrass.lambda", "ComponentDescription": description, "ComponentPublisher": "AWS Lambda",
            "ComponentSource": arn,
            "ComponentConfiguration": {"DefaultConfiguration": {
                "lambdaExecutionParameters": {"EnvironmentVariables": (params.get("environmentVariables") or {})},
                "containerParams": ((params.get("linuxProcessParams") or {}).get("containerParams") or {}),
                "containerMode": ((params.get("linuxProcessParams") or {}).get("isolationMode") or "GreengrassContainer"),
                "timeoutInSeconds": params.get("timeoutInSeconds", 3), "pinned": params.get("pinned", True),
                "inputPayloadEncodingType": params.get("inputPayloadEncodingType", "json"),
                "pubsubTopics": {str(i): {"topic": e["topic"], "type": e.get("type", "PUB_SUB")} for i, e in enumerate(params.get("eventSources") or [])},
            }},
            "ComponentDependencies": {
                "aws.greengrass.LambdaLauncher": {"VersionRequirement": ">=2.0.0 <3.0.0", "DependencyType": "HARD"},
                "aws.greengrass.TokenExchangeService": {"VersionRequirement": ">=2.0.0 <3.0.0", "DependencyType": "HARD"},
                "aws.greengrass.LambdaRuntimes": {"VersionRequirement": ">=2.0.0 <3.0.0", "DependencyType": "SOFT"},
                **{k: {"VersionRequirement": v.get("versionRequirement", "*"), "DependencyType": v.get("dependencyType", "HARD")}
                   for k, v in (lam.get("componentDependencies") or {}).items()},
            },
            "Manifests": [{"Platform": {"os": "linux"}, "Lifecycle": {}, "Artifacts": [{"Uri": "greengrass:lambda-artifact.zip", "Unarchive": "ZIP"}]}],
            "Lifecycle": {"startup": {"requiresPrivilege": True, "script": "{aws.greengrass.LambdaLauncher:artifacts:path}/lambda-launcher start"}},
        }
        return name, version, recipe, description, errors

    def describe_component(self, params: dict[str, Any]) -> dict[str, Any]:
        c = self._component(params["arn"])
        return {"arn": c.arn, "componentName": c.name, "componentVersion": c.version, "creationTimestamp": c.created,
                "publisher": c.publisher or None, "description": c.description or None, "status": c.status(settings.step()),
                "platforms": c.platforms, "tags": c.tags}

    def get_component(self, params: dict[str, Any]) -> dict[str, Any]:
        c = self._component(params["arn"])
        fmt = params.get("recipeOutputFormat") or c.recipe_format
        recipe = c.recipe
        if fmt != c.recipe_format:
            doc, _ = _parse_recipe(c.recipe)
            recipe = (yaml.safe_dump(doc, sort_keys=False, allow_unicode=True) if fmt == "YAML" else json.dumps(doc, indent=2, ensure_ascii=False)).encode()
        return {"recipeOutputFormat": fmt, "recipe": base64.b64encode(recipe).decode(), "tags": c.tags}

    def list_components(self, params: dict[str, Any]) -> dict[str, Any]:
        scope = params.get("scope") or "PRIVATE"
        rows = []
        if scope == "PRIVATE":
            for name in sorted(self.components):
                versions = self.components[name]
                if not versions:
                    continue
                latest = max(versions.values(), key=lambda c: _semver_key(c.version))
                rows.append((name, latest))
        else:
            for name in sorted(PUBLIC_COMPONENTS):
                c = self._public(name, None)
                assert c
                rows.append((name, c))
        page, token = _page(rows, params, "ListComponents:" + scope)
        return {"components": [{"arn": c.arn.rsplit(":versions:", 1)[0], "componentName": name, "latestVersion": {
            "arn": c.arn, "componentVersion": c.version, "creationTimestamp": c.created, "description": c.description or None,
            "publisher": c.publisher or None, "platforms": c.platforms}} for name, c in page], "nextToken": token}

    def list_component_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        owner, name, version = self._parse_component_arn(params["arn"], versioned=False)
        if version:
            raise validation_error(f"Give the component's ARN, without a version: {params['arn']}")
        if owner == "aws":
            c = self._public(name, None)
            versions = [c] if c else []
        else:
            versions = sorted(self.components.get(name, {}).values(), key=lambda c: _semver_key(c.version), reverse=True) if owner == self.account_id else []
        if not versions:
            raise not_found(f"The component does not exist: {params['arn']}", params["arn"], "Component")
        page, token = _page(versions, params, "ListComponentVersions:" + name)
        return {"componentVersions": [{"componentName": c.name, "componentVersion": c.version, "arn": c.arn} for c in page], "nextToken": token}

    def delete_component(self, params: dict[str, Any]) -> None:
        owner, name, version = self._parse_component_arn(params["arn"], versioned=True)
        if owner == "aws":
            raise validation_error(f"AWS-provided components can't be deleted: {params['arn']}", reason="OTHER")
        c = self.components.get(name, {}).get(version or "")
        if not c:
            raise not_found(f"The component version does not exist: {params['arn']}", params["arn"], "ComponentVersion")
        del self.components[name][c.version]
        if not self.components[name]:
            del self.components[name]

    # ------------------------------------------------------------ deployments
    def _target_devices(self, target: str) -> list[str]:
        iot = self._iot()
        m = re.match(r"^arn:[^:]*:iot:([^:]*):(\d+):(thing|thinggroup)/(.+)$", target)
        if not m:
            raise validation_error(f"targetArn must be a thing group or thing ARN: {target}")
        kind, name = m.group(3), m.group(4)
        if m.group(1) != self.region_name or m.group(2) != self.account_id:
            raise not_found(f"The deployment target is not in this account and Region: {target}", target, "ThingGroup" if kind == "thinggroup" else "Thing")
        try:
            if kind == "thinggroup":
                things = [t.thing_name for t in iot.list_things_in_thing_group(name)]
            else:
                things = [iot.describe_thing(name).thing_name]
        except Exception:
            raise not_found(f"The deployment target does not exist in AWS IoT; create it first: {target}", target, "ThingGroup" if kind == "thinggroup" else "Thing")
        return [t for t in things if t in self.core_devices]

    def create_deployment(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        token = params.get("clientToken")
        if token and token in self.tokens:
            d = self.deployments[self.tokens[token]]
            return 201, {"deploymentId": d.id, "iotJobId": d.job_id, "iotJobArn": d.job_arn}
        devices = self._target_devices(params["targetArn"])
        step = settings.step()
        for name, spec in (params.get("components") or {}).items():
            version = (spec or {}).get("componentVersion")
            if not version:
                raise validation_error(f"Each component of a deployment needs a componentVersion: {name}",
                                       fields=[{"name": f"components.{name}.componentVersion", "message": "missing"}])
            if name in PUBLIC_COMPONENTS:
                continue
            c = self.components.get(name, {}).get(version)
            if not c:
                arn = self._arn("components", f"{name}:versions:{version}")
                raise not_found(f"The deployment names a component version that does not exist: {name} {version}", arn, "ComponentVersion")
            state, message = c.state(step)
            if state == "FAILED":
                raise validation_error(f"The deployment names a component version that is FAILED and can't be deployed ({message}): {name} {version}")
        did = str(uuid.uuid4())
        previous = [d for d in self.deployments.values() if d.target == params["targetArn"]]
        for d in previous:
            d.latest = False
        job_id = str(uuid.uuid4())
        job_arn = f"arn:aws:iot:{self.region_name}:{self.account_id}:job/{job_id}"
        d = Deployment(did, self._arn("deployments", did), params, len(previous) + 1, job_arn)
        d.devices = devices
        self.deployments[did] = d
        if token:
            self.tokens[token] = did
        failing = _failing(d.components)
        for device in devices:
            self.effective.append(Effective(d, device, _outcome(device, failing)))
        return 201, {"deploymentId": did, "iotJobId": job_id, "iotJobArn": job_arn}

    def _deployment(self, deployment_id: str) -> Deployment:
        d = self.deployments.get(deployment_id)
        if not d:
            raise not_found(f"The deployment does not exist: {deployment_id}", deployment_id, "Deployment")
        return d

    def _deployment_status(self, d: Deployment) -> str:
        if d.canceled:
            return "CANCELED"
        if not d.latest:
            return "INACTIVE"
        if ":thing/" in d.target:
            mine = [e for e in self.effective if e.deployment is d]
            if mine and all(e.final for e in mine):
                return "FAILED" if any(e.final == "FAILED" for e in mine) else "COMPLETED"
        return "ACTIVE"

    def get_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        d = self._deployment(params["deploymentId"])
        return {"targetArn": d.target, "revisionId": str(d.revision), "deploymentId": d.id, "deploymentName": d.name,
                "deploymentStatus": self._deployment_status(d), "iotJobId": d.job_id, "iotJobArn": d.job_arn,
                "components": d.components, "deploymentPolicies": d.policies or None, "iotJobConfiguration": d.job_config,
                "creationTimestamp": d.created, "isLatestForTarget": d.latest, "parentTargetArn": d.parent, "tags": d.tags}

    def list_deployments(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        rows = sorted(self.deployments.values(), key=lambda d: d.created, reverse=True)
        if params.get("targetArn"):
            rows = [d for d in rows if d.target == params["targetArn"]]
        if params.get("parentTargetArn"):
            rows = [d for d in rows if d.parent == params["parentTargetArn"]]
        if (params.get("historyFilter") or "LATEST_ONLY") == "LATEST_ONLY":
            rows = [d for d in rows if d.latest]
        key = "ListDeployments:" + json.dumps([params.get("targetArn"), params.get("parentTargetArn"), params.get("historyFilter")])
        page, token = _page(rows, params, key)
        return {"deployments": [{"targetArn": d.target, "revisionId": str(d.revision), "deploymentId": d.id, "deploymentName": d.name,
                                 "creationTimestamp": d.created, "deploymentStatus": self._deployment_status(d),
                                 "isLatestForTarget": d.latest, "parentTargetArn": d.parent} for d in page], "nextToken": token}

    def cancel_deployment(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        d = self._deployment(params["deploymentId"])
        status = self._deployment_status(d)
        if status != "ACTIVE":
            raise conflict(f"Only an ACTIVE deployment can be canceled; this one is {status}: {d.id}", d.id, "Deployment")
        d.canceled = True
        now = _now()
        for e in self.effective:
            if e.deployment is d and not e.final:
                e.canceled = True
                e.modified = now
        return {"message": f"The deployment was canceled: {d.id}"}

    def delete_deployment(self, params: dict[str, Any]) -> None:
        self.tick()
        d = self._deployment(params["deploymentId"])
        if self._deployment_status(d) == "ACTIVE":
            raise conflict(f"An ACTIVE deployment can't be deleted; cancel it first: {d.id}", d.id, "Deployment")
        del self.deployments[d.id]
        self.effective = [e for e in self.effective if e.deployment is not d]

    # ----------------------------------------------------------- core devices
    def register_core_device(self, info: dict[str, Any]) -> dict[str, Any]:
        name = str(info.get("coreDeviceThingName") or info.get("thingName") or "")
        if not re.match(r"^[a-zA-Z0-9:_-]{1,128}$", name):
            raise validation_error(f"A core device needs a thing name of 1-128 letters, digits, ':', '_' or '-': {name!r}")
        iot = self._iot()
        try:
            thing = iot.describe_thing(name)
        except Exception:
            iot.create_thing(name, None, None)
            thing = iot.describe_thing(name)
        group_arns = []
        for group in info.get("thingGroupNames") or []:
            try:
                g = iot.describe_thing_group(group)
            except Exception:
                iot.create_thing_group(group, None, {})
                g = iot.describe_thing_group(group)
            iot.add_thing_to_thing_group(group, None, name, None)
            group_arns.append(g.arn)
        if name not in self.core_devices:
            self.core_devices[name] = CoreDevice(name, info)
            # Deployments to thing groups are continuous: a device that joins takes each group's latest deployment.
            for arn in group_arns:
                latest = [d for d in self.deployments.values() if d.target == arn and self._deployment_status(d) == "ACTIVE"]
                for d in latest:
                    e = Effective(d, name, _outcome(name, _failing(d.components)))
                    e.created = e.modified = _now()
                    d.devices.append(name)
                    self.effective.append(e)
        return {"coreDeviceThingName": name, "thingArn": thing.arn, "thingGroupArns": group_arns}

    def _device(self, name: str) -> CoreDevice:
        d = self.core_devices.get(name)
        if not d:
            raise not_found(f"The core device does not exist: {name}", name, "CoreDevice")
        return d

    def list_core_devices(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        devices = list(self.core_devices.values())
        group_arn = params.get("thingGroupArn")
        if group_arn:
            m = re.match(r"^arn:[^:]*:iot:[^:]*:\d+:thinggroup/(.+)$", group_arn)
            try:
                members = {t.thing_name for t in self._iot().list_things_in_thing_group(m.group(1))} if m else set()
            except Exception:
                members = set()
            devices = [d for d in devices if d.name in members]
        if params.get("status"):
            devices = [d for d in devices if d.status() == params["status"]]
        if params.get("runtime"):
            devices = [d for d in devices if d.runtime == params["runtime"]]
        devices.sort(key=lambda d: d.name)
        key = "ListCoreDevices:" + json.dumps([group_arn, params.get("status"), params.get("runtime")])
        page, token = _page(devices, params, key)
        return {"coreDevices": [{"coreDeviceThingName": d.name, "status": d.status(), "lastStatusUpdateTimestamp": d.updated,
                                 "platform": d.platform, "architecture": d.architecture, "runtime": d.runtime} for d in page], "nextToken": token}

    def get_core_device(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        d = self._device(params["coreDeviceThingName"])
        return {"coreDeviceThingName": d.name, "coreVersion": d.core_version, "platform": d.platform, "architecture": d.architecture,
                "runtime": d.runtime, "status": d.status(), "lastStatusUpdateTimestamp": d.updated, "tags": d.tags}

    def delete_core_device(self, params: dict[str, Any]) -> None:
        self._device(params["coreDeviceThingName"])
        del self.core_devices[params["coreDeviceThingName"]]
        self.effective = [e for e in self.effective if e.device != params["coreDeviceThingName"]]

    def list_installed_components(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        d = self._device(params["coreDeviceThingName"])
        rows = sorted(d.installed.values(), key=lambda c: c["componentName"])
        if (params.get("topologyFilter") or "ROOT") == "ROOT":
            rows = [c for c in rows if c["isRoot"]]
        page, token = _page(rows, params, "ListInstalledComponents:" + d.name + str(params.get("topologyFilter")))
        out = []
        for c in page:
            row = {"componentName": c["componentName"], "componentVersion": c["componentVersion"], "lifecycleState": c["lifecycleState"],
                   "isRoot": c["isRoot"], "lastStatusChangeTimestamp": c["changed"], "lastReportedTimestamp": d.updated}
            if c.get("details"):
                row["lifecycleStateDetails"] = c["details"]
                row["lifecycleStatusCodes"] = c.get("codes", [])
            if c.get("source"):
                row["lastInstallationSource"] = c["source"]
            out.append(row)
        return {"installedComponents": out, "nextToken": token}

    def list_effective_deployments(self, params: dict[str, Any]) -> dict[str, Any]:
        self.tick()
        d = self._device(params["coreDeviceThingName"])
        rows = sorted((e for e in self.effective if e.device == d.name), key=lambda e: e.created, reverse=True)
        page, token = _page(rows, params, "ListEffectiveDeployments:" + d.name)
        return {"effectiveDeployments": [self._effective_row(e) for e in page], "nextToken": token}

    def _effective_row(self, e: Effective) -> dict[str, Any]:
        status = self._effective_status(e)
        row: dict[str, Any] = {"deploymentId": e.deployment.id, "deploymentName": e.deployment.name, "iotJobId": e.deployment.job_id,
                               "iotJobArn": e.deployment.job_arn, "targetArn": e.deployment.target, "coreDeviceExecutionStatus": status,
                               "creationTimestamp": e.created, "modifiedTimestamp": e.modified}
        if status == "FAILED" and e.outcome:
            row["reason"] = e.outcome["reason"]
            row["statusDetails"] = {"errorStack": e.outcome["errorStack"], "errorTypes": e.outcome["errorTypes"]}
        elif status == "SUCCEEDED":
            row["reason"] = "SUCCESSFUL"
        return row

    def _effective_status(self, e: Effective) -> str:
        if e.final:
            return e.final
        if e.canceled:
            return "CANCELED"
        return "IN_PROGRESS" if _now() >= e.created + settings.step() else "QUEUED"

    def tick(self) -> None:
        """Finishes every effective deployment whose time has come, oldest first, and installs what it deploys."""
        step = settings.step()
        now = _now()
        for e in self.effective:
            if e.final or e.canceled or now < e.created + 2 * step:
                continue
            device = self.core_devices.get(e.device)
            e.final = "FAILED" if e.outcome else "SUCCEEDED"
            e.modified = e.created + 2 * step
            if device:
                self._install(device, e)
                device.updated = e.modified
                device.last_failed = e.final == "FAILED"

    def _install(self, device: CoreDevice, e: Effective) -> None:
        d = e.deployment
        broken = set((e.outcome or {}).get("broken", []))
        rollback = (d.policies.get("failureHandlingPolicy") or "ROLLBACK") == "ROLLBACK"
        if e.outcome and (not broken or rollback):
            # A device error changes nothing; a broken component is rolled back: the device keeps what it ran and
            # the effective deployment says why.
            return
        for name in [n for n, c in device.installed.items() if c.get("source") == d.target and n not in d.components]:
            if name == NUCLEUS:  # the nucleus is never removed: it goes back to being a dependency of nothing deployed
                device.installed[name].update(isRoot=False, source=None, changed=e.modified)
            else:
                del device.installed[name]
        for name, spec in d.components.items():
            entry = {"componentName": name, "componentVersion": spec["componentVersion"], "isRoot": True, "source": d.target,
                     "changed": e.modified, "lifecycleState": "FINISHED" if name == NUCLEUS else "RUNNING"}
            if name in broken:
                entry.update(lifecycleState="BROKEN", codes=["RUN_ERROR"],
                             details=f"The component's run script exited with code 1 three times, so the nucleus marked it BROKEN: {name}")
            device.installed[name] = entry


def _failing(components: dict[str, Any]) -> list[tuple[str, str]]:
    """The deployed components that break on every device, by the naming convention."""
    return [(name, spec["componentVersion"]) for name, spec in components.items() if "FailDeploy" in name]


def _outcome(device: str, failing: list[tuple[str, str]]) -> dict[str, Any] | None:
    if device.endswith("-fail"):
        return {"reason": f"DEPLOYMENT_FAILURE: ARTIFACT_DOWNLOAD_ERROR: IO_ERROR: DISK_SPACE_CRITICAL: the core device ran out of disk space while downloading the deployment's artifacts: {device}",
                "errorStack": ["DEPLOYMENT_FAILURE", "ARTIFACT_DOWNLOAD_ERROR", "IO_ERROR", "DISK_SPACE_CRITICAL"], "errorTypes": ["DEVICE_ERROR"], "broken": []}
    if failing:
        name, version = failing[0]
        return {"reason": f"DEPLOYMENT_FAILURE: COMPONENT_UPDATE_ERROR: COMPONENT_BROKEN: the component's run script exited with code 1 three times: {name} {version}",
                "errorStack": ["DEPLOYMENT_FAILURE", "COMPONENT_UPDATE_ERROR", "COMPONENT_BROKEN"], "errorTypes": ["USER_COMPONENT_ERROR"],
                "broken": [n for n, _ in failing]}
    return None


def _semver_key(version: str) -> tuple[int, ...]:
    m = SEMVER.match(version)
    return tuple(int(x) for x in m.groups()[:3]) if m else (0, 0, 0)


def _parse_recipe(data: bytes) -> tuple[dict[str, Any], str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise validation_error("The recipe is not UTF-8 text.", reason="CANNOT_PARSE")
    stripped = text.lstrip()
    try:
        if stripped.startswith("{"):
            doc, fmt = json.loads(text), "JSON"
        else:
            doc, fmt = yaml.safe_load(text), "YAML"
    except (ValueError, yaml.YAMLError) as error:
        raise validation_error(f"The recipe is neither valid JSON nor valid YAML: {str(error).splitlines()[0]}", reason="CANNOT_PARSE")
    if not isinstance(doc, dict):
        raise validation_error("The recipe must be a JSON or YAML object.", reason="CANNOT_PARSE")
    missing = [k for k in ("RecipeFormatVersion", "ComponentName", "ComponentVersion") if not doc.get(k)]
    if missing:
        raise validation_error(f"The recipe is missing required keys: {', '.join(missing)}", reason="FIELD_VALIDATION_FAILED",
                               fields=[{"name": k, "message": "missing"} for k in missing])
    if str(doc["RecipeFormatVersion"]) not in ("2020-01-25",):
        raise validation_error(f"The recipe's RecipeFormatVersion is not supported; use 2020-01-25: {doc['RecipeFormatVersion']}")
    return doc, fmt


greengrassv2_backends = BackendDict(GreengrassV2Backend, "greengrassv2")


def backend(account_id: str | None, region: str) -> GreengrassV2Backend:
    return greengrassv2_backends[account_id or DEFAULT_ACCOUNT_ID][region]


TAGGABLE = re.compile(r"^arn:[^:]*:greengrass:[^:]*:\d+:(components|deployments|coreDevices):(.+)$")


def tags_of(b: GreengrassV2Backend, arn: str) -> dict[str, str]:
    m = TAGGABLE.match(arn)
    if m:
        kind, rest = m.group(1), m.group(2)
        if kind == "components":
            name, _, version = rest.partition(":versions:")
            c = b.components.get(name, {}).get(version) if version else None
            if c:
                return c.tags
        elif kind == "deployments" and rest in b.deployments:
            return b.deployments[rest].tags
        elif kind == "coreDevices" and rest in b.core_devices:
            return b.core_devices[rest].tags
    raise not_found(f"The resource to tag does not exist: {arn}", arn, "Resource")


def handle(op: str, params: dict[str, Any], account_id: str, region: str) -> tuple[int, Any]:
    """Runs one validated operation; the HTTP status and the JSON document to answer with."""
    with LOCK:
        b = backend(account_id, region)
        if op in ("CreateComponentVersion", "CreateDeployment"):
            return getattr(b, _snake(op))(params)
        if op in ("DeleteComponent", "DeleteDeployment", "DeleteCoreDevice"):
            getattr(b, _snake(op))(params)
            return 204, None
        if op == "ListTagsForResource":
            return 200, {"tags": tags_of(b, params["resourceArn"])}
        if op == "TagResource":
            tags_of(b, params["resourceArn"]).update(params["tags"])
            return 200, {}
        if op == "UntagResource":
            t = tags_of(b, params["resourceArn"])
            for k in params["tagKeys"]:
                t.pop(k, None)
            return 200, {}
        method = getattr(b, _snake(op), None)
        if method is None:
            raise ApiError(501, "NotImplementedException", f"The local endpoint does not implement this Greengrass V2 operation: {op}")
        return 200, method(params)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

"""REST-JSON requests of a botocore service model: which operation a request is, its parameters, and their
validation against the official model, answered the way AWS answers a malformed request."""

import base64
import binascii
import json
import re
from typing import Any
from urllib.parse import unquote

import botocore.session
from botocore.validate import validate_parameters
from botocore.exceptions import ParamValidationError


class ApiError(Exception):
    """An error the endpoint answers with: HTTP status, the error's type name and its JSON body."""

    def __init__(self, status: int, code: str, message: str, **fields: Any):
        super().__init__(message)
        self.status = status
        self.code = code
        self.body = {"message": message, **{k: v for k, v in fields.items() if v is not None}}
        self.headers: dict[str, str] = {}


def validation_error(message: str, reason: str = "FIELD_VALIDATION_FAILED", fields: list[dict[str, str]] | None = None) -> ApiError:
    return ApiError(400, "ValidationException", message, reason=reason, fields=fields)


def not_found(message: str, resource_id: str, resource_type: str) -> ApiError:
    return ApiError(404, "ResourceNotFoundException", message, resourceId=resource_id, resourceType=resource_type)


def conflict(message: str, resource_id: str, resource_type: str) -> ApiError:
    return ApiError(409, "ConflictException", message, resourceId=resource_id, resourceType=resource_type)


def throttling(message: str, retry_after: int = 1) -> ApiError:
    e = ApiError(429, "ThrottlingException", message, serviceCode="greengrass", quotaCode="L-GGML-EMU", retryAfterSeconds=retry_after)
    e.headers["Retry-After"] = str(retry_after)
    return e


class Route:
    def __init__(self, operation: Any):
        self.operation = operation
        self.name: str = operation.name
        self.method: str = operation.http["method"]
        uri = operation.http["requestUri"].split("?")[0]
        pattern = ""
        self.labels: list[str] = []
        for part in re.split(r"(\{[^}]+\})", uri):
            if part.startswith("{"):
                label = part[1:-1]
                greedy = label.endswith("+")
                label = label.rstrip("+")
                self.labels.append(label)
                pattern += f"(?P<{re.sub(r'[^A-Za-z0-9_]', '_', label)}>{'.+' if greedy else '[^/]+'})"
            else:
                pattern += re.escape(part)
        self.regex = re.compile(f"^{pattern}/?$")
        self.static_length = len(re.sub(r"\{[^}]+\}", "", uri))


class ServiceProtocol:
    """Routes and parses the REST-JSON requests of one service, validating each against the model."""

    def __init__(self, service_name: str):
        self.model = botocore.session.get_session().get_service_model(service_name)
        routes = [Route(self.model.operation_model(name)) for name in self.model.operation_names]
        # The most specific path first: /components/{arn}/versions before /components/{arn}.
        self.routes = sorted(routes, key=lambda r: -r.static_length)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            m = route.regex.match(path)
            if m:
                return route, {label: unquote(m.group(re.sub(r"[^A-Za-z0-9_]", "_", label))) for label in route.labels}
        return None

    def parse(self, route: Route, uri_values: dict[str, str], query: dict[str, list[str]], body: bytes) -> dict[str, Any]:
        """The operation's input parameters from the URI, query string and JSON body, validated against the model."""
        shape = route.operation.input_shape
        params: dict[str, Any] = {}
        if shape is None:
            return params
        body_members = {}
        for name, member in shape.members.items():
            loc = member.serialization.get("location")
            wire = member.serialization.get("name", name)
            if loc == "uri":
                if wire in uri_values:
                    params[name] = uri_values[wire]
            elif loc == "querystring":
                if wire in query:
                    params[name] = _from_query(name, member, query[wire])
            elif loc in ("header", "headers"):
                continue
            else:
                body_members[name] = member
        if body_members and body.strip():
            try:
                doc = json.loads(body)
            except (ValueError, UnicodeDecodeError) as error:
                raise ApiError(400, "SerializationException", f"The request body is not valid JSON: {error}")
            if not isinstance(doc, dict):
                raise ApiError(400, "SerializationException", "The request body must be a JSON object")
            for key, value in doc.items():
                member = body_members.get(key)
                params[key] = _from_json(key, member, value) if member is not None else value
        try:
            validate_parameters(params, shape)
        except ParamValidationError as error:
            report = str(error.kwargs.get("report", error)).strip()
            lines = [line.strip() for line in report.splitlines() if line.strip()]
            raise validation_error(
                f"{len(lines)} validation error{'s' if len(lines) != 1 else ''} detected: {'; '.join(lines)}",
                fields=[{"name": _field_of(line), "message": line} for line in lines],
            )
        problems = list(_constraints(params, shape, ""))
        if problems:
            raise validation_error(
                f"{len(problems)} validation error{'s' if len(problems) != 1 else ''} detected: {'; '.join(p for _, p in problems)}",
                fields=[{"name": name, "message": p} for name, p in problems],
            )
        return params


def _field_of(line: str) -> str:
    m = re.search(r'"([^"]+)"|parameter ([\w.\[\]]+)', line)
    return (m.group(1) or m.group(2)) if m else "request"


def _from_query(name: str, member: Any, values: list[str]) -> Any:
    if member.type_name == "list":
        return [_scalar_from_text(name, member.member, v) for v in values]
    return _scalar_from_text(name, member, values[-1])


def _scalar_from_text(name: str, shape: Any, text: str) -> Any:
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            raise validation_error(f"1 validation error detected: Value '{text}' at '{name}' failed to satisfy constraint: Member must be a number", fields=[{"name": name, "message": "not a number"}])
    if shape.type_name == "boolean":
        if text not in ("true", "false"):
            raise validation_error(f"1 validation error detected: Value '{text}' at '{name}' failed to satisfy constraint: Member must be true or false")
        return text == "true"
    return text


def _from_json(name: str, shape: Any, value: Any) -> Any:
    """JSON → the Python types botocore's validator expects (blobs are base64 on the wire)."""
    if value is None:
        return None
    t = shape.type_name
    if t == "blob" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(400, "SerializationException", f"The value of '{name}' is not valid base64")
    if t == "structure" and isinstance(value, dict):
        return {k: (_from_json(f"{name}.{k}", shape.members[k], v) if k in shape.members else v) for k, v in value.items()}
    if t == "list" and isinstance(value, list):
        return [_from_json(f"{name}[{i}]", shape.member, v) for i, v in enumerate(value)]
    if t == "map" and isinstance(value, dict):
        return {k: _from_json(f"{name}.{k}", shape.value, v) for k, v in value.items()}
    if t in ("double", "float") and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _constraints(value: Any, shape: Any, path: str):
    """What botocore's client-side validator leaves to the service: max length/range, patterns and enums."""
    if value is None:
        return
    md = shape.metadata
    shown = path or "request"
    t = shape.type_name
    if t == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in shape.members:
                yield from _constraints(v, shape.members[k], f"{path}.{k}" if path else k)
        return
    if t == "list" and isinstance(value, list):
        if "max" in md and len(value) > md["max"]:
            yield shown, f"Value at '{shown}' failed to satisfy constraint: Member must have length less than or equal to {md['max']}"
        for i, v in enumerate(value):
            yield from _constraints(v, shape.member, f"{path}.{i + 1}")
        return
    if t == "map" and isinstance(value, dict):
        if "max" in md and len(value) > md["max"]:
            yield shown, f"Value at '{shown}' failed to satisfy constraint: Member must have length less than or equal to {md['max']}"
        for k, v in value.items():
            yield from _constraints(k, shape.key, f"{path}.key")
            yield from _constraints(v, shape.value, f"{path}.{k}")
        return
    if t == "string" and isinstance(value, str):
        if "max" in md and len(value) > md["max"]:
            yield shown, f"Value at '{shown}' failed to satisfy constraint: Member must have length less than or equal to {md['max']}"
        enum = getattr(shape, "enum", None)
        if enum and value not in enum:
            yield shown, f"Value '{_clip(value)}' at '{shown}' failed to satisfy constraint: Member must satisfy enum value set: [{', '.join(enum)}]"
        if "pattern" in md and not re.search(md["pattern"], value):
            yield shown, f"Value '{_clip(value)}' at '{shown}' failed to satisfy constraint: Member must satisfy regular expression pattern: {md['pattern']}"
        return
    if t in ("integer", "long", "double", "float") and isinstance(value, (int, float)) and not isinstance(value, bool):
        if "max" in md and value > md["max"]:
            yield shown, f"Value '{value}' at '{shown}' failed to satisfy constraint: Member must have value less than or equal to {md['max']}"


def _clip(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[:n] + "…"

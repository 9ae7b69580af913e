"""The WSGI application in front of moto's: Greengrass V2, the V1 ResetDeployments route and the control
endpoint are answered here; every other request goes to moto unchanged."""

import json
import re
from typing import Any
from urllib.parse import parse_qs, unquote

from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from werkzeug.wrappers import Request, Response

from . import greengrassv2, settings, v1
from .protocol import ApiError, ServiceProtocol, throttling

CONTROL_PREFIX = "/ggml-emu"
V2_PROTOCOL = ServiceProtocol("greengrassv2")
V1_PROTOCOL = ServiceProtocol("greengrass")
TAG_PATH = re.compile(r"^/tags/(.+)$")
MAX_BODY = 16 * 1024 * 1024


def _credentials(environ: dict[str, Any]) -> tuple[str | None, str, str]:
    """The signing service, the account (from the access key, as moto maps it) and the Region of a request."""
    auth = environ.get("HTTP_AUTHORIZATION") or ""
    m = re.search(r"Credential=([^/]+)/\d+/([^/]+)/([^/]+)/aws4_request", auth)
    if not m:
        return None, DEFAULT_ACCOUNT_ID, "us-east-1"
    access_key, region, service = m.group(1), m.group(2), m.group(3)
    try:
        from moto.iam.models import get_account_id_from
        account = get_account_id_from(access_key)
    except Exception:
        account = DEFAULT_ACCOUNT_ID
    return service.lower(), account, region


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


def _json(status: int, doc: Any, headers: dict[str, str] | None = None) -> Response:
    body = "" if doc is None else json.dumps(_strip_none(doc))
    return Response(body, status=status, headers=headers or {}, mimetype="application/json")


def _error(e: ApiError) -> Response:
    return _json(e.status, e.body, {"x-amzn-ErrorType": e.code, **e.headers})


def _body(request: Request) -> bytes:
    length = request.content_length or 0
    if length > MAX_BODY:
        raise ApiError(413, "ValidationException", f"The request body is larger than the endpoint accepts ({MAX_BODY} bytes): {length}")
    return request.get_data(cache=True)


def handle_v2(request: Request, account: str, region: str) -> Response:
    path = request.path
    try:
        found = V2_PROTOCOL.match(request.method, path)
        if not found:
            raise ApiError(404, "UnknownOperationException", f"No Greengrass V2 operation has this method and path: {request.method} {path}")
        route, labels = found
        if settings.take_throttle(route.name):
            raise throttling(f"Rate exceeded for {route.name}; retry after a short wait.")
        query = parse_qs(request.query_string.decode("utf-8"), keep_blank_values=True)
        params = V2_PROTOCOL.parse(route, labels, query, _body(request))
        status, doc = greengrassv2.handle(route.name, params, account, region)
        if status == 200 and route.operation.http.get("responseCode"):
            status = int(route.operation.http["responseCode"])
        return _json(status, doc)
    except ApiError as e:
        return _error(e)


def handle_v1_reset(request: Request, account: str, region: str) -> Response:
    """ResetDeployments, whose path moto's route conversion cannot match; validated against the V1 model."""
    try:
        found = V1_PROTOCOL.match("POST", request.path)
        if not found:
            raise ApiError(404, "NotFoundException", f"No Greengrass operation has this method and path: POST {request.path}")
        route, labels = found
        try:
            params = V1_PROTOCOL.parse(route, labels, {}, _body(request))
        except ApiError as e:
            raise ApiError(400, "BadRequestException", e.body["message"])
        status, doc = v1.handle_reset(params["GroupId"], params, account, region)
        return _json(status, doc)
    except ApiError as e:
        return _json(e.status, {"Message": e.body["message"]}, {"x-amzn-ErrorType": e.code})


def handle_control(request: Request) -> Response:
    sub = request.path[len(CONTROL_PREFIX):].rstrip("/")
    try:
        doc = json.loads(_body(request) or b"{}") if request.method == "POST" else {}
        if not isinstance(doc, dict):
            raise ValueError("The request body must be a JSON object")
        if sub == "" and request.method == "GET":
            return _json(200, {"settings": settings.get(), "conventions": {
                "v2ComponentFails": "a recipe artifact s3://… that is not in this endpoint's S3, or a Lambda version that does not exist: the component version becomes FAILED",
                "v2DeploymentFails": "a deployed component whose name contains FailDeploy, or a core device whose thing name ends with -fail",
                "v1DeploymentFails": "a group or deployed function whose name contains fail-deploy",
                "v1DeploymentSucceeds": "a group or deployed function whose name contains pass-deploy, or the setting v1Deployments: finish",
            }})
        if sub == "/settings" and request.method in ("GET", "POST"):
            return _json(200, settings.update(doc) if request.method == "POST" else settings.get())
        if sub == "/throttle" and request.method == "POST":
            count = doc.get("count", 1)
            ops = doc.get("operations")
            if not isinstance(count, int) or count < 0 or (ops is not None and not (isinstance(ops, list) and all(isinstance(o, str) for o in ops))):
                raise ValueError("Give count (a whole number) and optionally operations (a list of operation names)")
            settings.throttle(count, ops)
            return _json(200, {"count": count, "operations": ops})
        if sub == "/core-devices" and request.method == "POST":
            account = str(doc.get("accountId") or DEFAULT_ACCOUNT_ID)
            region = str(doc.get("region") or "us-east-1")
            entries = doc["coreDevices"] if isinstance(doc.get("coreDevices"), list) else [doc]
            with greengrassv2.LOCK:
                b = greengrassv2.backend(account, region)
                out = [b.register_core_device(e if isinstance(e, dict) else {}) for e in entries]
            return _json(201, {"coreDevices": out} if "coreDevices" in doc else out[0])
        return _json(404, {"message": f"No control operation has this method and path; GET {CONTROL_PREFIX} lists the settings: {request.method} {request.path}"})
    except ApiError as e:
        return _json(e.status, {"message": e.body["message"]})
    except (ValueError, KeyError, TypeError) as e:
        return _json(400, {"message": str(e)})


class ExtendedDispatcher(DomainDispatcherApplication):
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if isinstance(path, bytes):
            path = path.decode("utf-8")
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            return handle_control(Request(environ))(environ, start_response)
        service, account, region = _credentials(environ)
        if service == "greengrass":
            tag = TAG_PATH.match(path)
            if path.startswith("/greengrass/v2/") or (tag and greengrassv2.TAGGABLE.match(unquote(tag.group(1)))):
                return handle_v2(Request(environ), account, region)(environ, start_response)
            if v1.RESET_PATH.match(path) and environ.get("REQUEST_METHOD") == "POST":
                return handle_v1_reset(Request(environ), account, region)(environ, start_response)
        return super().__call__(environ, start_response)

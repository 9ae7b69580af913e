"""Validates Greengrass V2 request files against the official greengrassv2 service model, the way the local
endpoint (scripts/moto_ext) validates the requests it receives: botocore's ParamValidator (required members,
types) plus the constraints it leaves to the service (max lengths, enums, patterns).

stdin: [{"file": ..., "operation": "CreateComponentVersion" | "CreateDeployment", "params": {...}}]
stdout: [{"file": ..., "problems": ["..."]}]
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

import botocore.session  # noqa: E402
from botocore.exceptions import ParamValidationError  # noqa: E402
from botocore.validate import validate_parameters  # noqa: E402
from moto_ext.protocol import _constraints, _from_json  # noqa: E402

model = botocore.session.get_session().get_service_model("greengrassv2")
out = []
for request in json.load(sys.stdin):
    shape = model.operation_model(request["operation"]).input_shape
    params = request["params"]
    if "inlineRecipe" in params and isinstance(params["inlineRecipe"], str):
        params = {**params, "inlineRecipe": params["inlineRecipe"].encode("utf-8")}
    params = {k: (_from_json(k, shape.members[k], v) if k in shape.members else v) for k, v in params.items()}
    problems = []
    try:
        validate_parameters(params, shape)
    except ParamValidationError as error:
        problems += [line.strip() for line in str(error.kwargs.get("report", error)).splitlines() if line.strip()]
    problems += [p for _, p in _constraints(params, shape, "")]
    out.append({"file": request["file"], "problems": problems})
json.dump(out, sys.stdout)

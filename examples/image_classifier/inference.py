# Image classification on a Raspberry Pi camera with an MXNet SqueezeNet model (Greengrass V1, Python 3.7).
# The model is the ML resource "squeezenet-model", mounted at its DestinationPath.
import json
import os
import time

import greengrasssdk
import mxnet as mx
import numpy as np
import picamera

client = greengrasssdk.client("iot-data")
MODEL_DIR = os.environ.get("AWS_GG_RESOURCE_PREFIX", "/").rstrip("/") + "/greengrass-machine-learning/mxnet/squeezenet"
TOPIC = "camera/inference/results"

sym, arg_params, aux_params = mx.model.load_checkpoint(os.path.join(MODEL_DIR, "squeezenet_v1.1"), 0)
module = mx.mod.Module(symbol=sym, context=mx.cpu(), label_names=None)
module.bind(for_training=False, data_shapes=[("data", (1, 3, 224, 224))])
module.set_params(arg_params, aux_params, allow_missing=True)
with open(os.path.join(MODEL_DIR, "synset.txt")) as f:
    labels = [line.strip() for line in f]


def capture():
    with picamera.PiCamera(resolution=(224, 224)) as camera:
        frame = np.empty((224, 224, 3), dtype=np.uint8)
        camera.capture(frame, "rgb")
    return mx.nd.array(frame.transpose((2, 0, 1))[np.newaxis, :].astype(np.float32))


def classify():
    module.forward(mx.io.DataBatch([capture()]))
    prob = module.get_outputs()[0].asnumpy()[0]
    top = np.argsort(prob)[::-1][:5]
    return [{"label": labels[i], "probability": float(prob[i])} for i in top]


def function_handler(event, context):
    client.publish(topic=TOPIC, payload=json.dumps({"predictions": classify(), "time": time.time()}))


# Pinned function: classify one frame every five seconds.
while True:
    function_handler(None, None)
    time.sleep(5)

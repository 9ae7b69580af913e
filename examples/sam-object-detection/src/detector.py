# Object detection on the camera's frames with an MXNet SSD model, published to camera/detections.
import json
import os

import greengrasssdk
import mxnet as mx

client = greengrasssdk.client('iot-data')

MODEL_PREFIX = '/ml/ssd/ssd_mobilenet_512'
THRESHOLD = float(os.environ.get('CONFIDENCE_THRESHOLD', '0.5'))

sym, arg_params, aux_params = mx.model.load_checkpoint(MODEL_PREFIX, 0)


def function_handler(event, context):
    client.publish(topic='camera/detections', payload=json.dumps({'model': MODEL_PREFIX, 'threshold': THRESHOLD}))

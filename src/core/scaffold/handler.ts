// The Python code of a scaffolded inference function: its handler and its requirements.
// The code runs on Python 2.7 and 3.x alike (the runtimes a Greengrass V1 core runs), uses each framework's own
// loading pattern, and publishes results with the Greengrass Core SDK.
import type { TargetPlatform } from '../manifest';
import { usesResourcePrefix, type ScaffoldAnswers } from './answers';

export const HANDLER_FILE = 'inference.py';
/** The Lambda handler setting of a scaffolded function. */
export const HANDLER_NAME = 'inference.function_handler';

export interface HandlerContext {
  coreVersion: string | undefined;
}

/** Whether the template captures images from the Raspberry Pi camera (and so needs /dev/vcsm and /dev/vchiq). */
export function usesPiCamera(a: Pick<ScaffoldAnswers, 'framework' | 'platform' | 'isolationMode'>): boolean {
  return a.platform === 'raspberry-pi' && (a.framework === 'mxnet' || a.framework === 'tensorflow');
}

function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function connectorName(platform: TargetPlatform): string {
  switch (platform) {
    case 'raspberry-pi': return 'ImageClassificationARMv7';
    case 'jetson-tx2': return 'ImageClassificationAarch64JTX2';
    case 'x86_64': return 'ImageClassificationx86-64';
  }
}

const FRAMEWORK_TITLE: Record<ScaffoldAnswers['framework'], string> = {
  mxnet: 'MXNet',
  tensorflow: 'TensorFlow (frozen graph)',
  'neo-dlr': 'SageMaker Neo (DLR)',
  'image-classification-connector-client': 'Image Classification connector client',
};

export function generateHandler(a: ScaffoldAnswers, ctx: HandlerContext): string {
  const prefix = usesResourcePrefix(ctx.coreVersion);
  const camera = usesPiCamera(a);
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);

  push(
    `# ${a.functionName}: ${FRAMEWORK_TITLE[a.framework]} inference on AWS IoT Greengrass V1.`,
    `# Runtime ${a.runtime}, handler ${HANDLER_NAME}, ${a.lifecycle === 'pinned' ? 'long-lived (pinned) loop' : 'on demand (one inference per message on ' + a.topic + '/infer)'}.`,
    `# Results are published to the MQTT topic ${a.topic}.`,
  );
  if (a.framework === 'image-classification-connector-client') {
    push(
      '#',
      '# Add the Image Classification connector to the group with these parameters:',
      `#   ConnectorArn: arn:aws:greengrass:<region>::/connectors/${connectorName(a.platform)}/versions/2`,
      `#   MLModelDestinationPath: ${a.destinationPath}`,
      `#   MLModelResourceId: ${a.functionName}-model`,
      a.source.kind === 'sagemaker' ? `#   MLModelSageMakerJobArn: ${a.source.jobArn}` : '#   MLModelSageMakerJobArn: the training job that produced the model',
      `#   LocalInferenceServiceName: ${a.functionName}`,
    );
  }
  push('import base64', 'import io', 'import json', 'import logging', 'import os');
  if (a.lifecycle === 'pinned') push('from threading import Timer');
  push('', 'import greengrasssdk');
  switch (a.framework) {
    case 'mxnet': push('import mxnet as mx', 'import numpy as np'); break;
    case 'tensorflow': push('import numpy as np', 'import tensorflow as tf'); break;
    case 'neo-dlr': push('import dlr', 'import numpy as np'); break;
    case 'image-classification-connector-client': push('import greengrass_machine_learning_sdk as ml'); break;
  }
  if (a.framework !== 'image-classification-connector-client') push('from PIL import Image');
  if (camera) push('import picamera');

  push(
    '',
    'LOGGER = logging.getLogger(__name__)',
    'LOGGER.setLevel(logging.INFO)',
    '',
    `TOPIC = ${pyString(a.topic)}`,
  );
  if (a.framework !== 'image-classification-connector-client') {
    push(
      '# Where the ML resource puts the model on the core (its DestinationPath).',
      `MODEL_DIR = ${pyString(a.destinationPath)}`,
    );
    if (prefix) {
      push(
        '# Core v1.10 and later mount the model under AWS_GG_RESOURCE_PREFIX ("/" in a container).',
        "MODEL_PATH = os.environ.get('AWS_GG_RESOURCE_PREFIX', '') + MODEL_DIR",
      );
    } else {
      push('# Cores before v1.10 mount the model at its destination path.', 'MODEL_PATH = MODEL_DIR');
    }
  }
  if (!camera) {
    push(
      '# An image packaged with the function, used when a message carries no image.',
      "SAMPLE_IMAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sample.jpg')",
    );
  }
  if (a.lifecycle === 'pinned') push('INTERVAL_SECONDS = 5');
  push('', "iot = greengrasssdk.client('iot-data')", '');

  // Model loading: each framework's own pattern.
  switch (a.framework) {
    case 'mxnet':
      push(
        '# The archive holds <CHECKPOINT>-symbol.json, <CHECKPOINT>-0000.params and synset.txt.',
        "CHECKPOINT = 'squeezenet_v1.1'",
        'EPOCH = 0',
        'INPUT_SHAPE = (1, 3, 224, 224)',
        '',
        '',
        'def load_model():',
        '    sym, arg_params, aux_params = mx.model.load_checkpoint(os.path.join(MODEL_PATH, CHECKPOINT), EPOCH)',
        '    module = mx.mod.Module(symbol=sym, context=mx.cpu(), label_names=None)',
        "    module.bind(for_training=False, data_shapes=[('data', INPUT_SHAPE)])",
        '    module.set_params(arg_params, aux_params, allow_missing=True)',
        '    return module',
        '',
        '',
        'def load_labels():',
        "    path = os.path.join(MODEL_PATH, 'synset.txt')",
        '    if not os.path.exists(path):',
        '        return None',
        "    with open(path, 'r') as f:",
        '        return [line.strip() for line in f]',
        '',
        '',
        'MODEL = load_model()',
        'LABELS = load_labels()',
        '',
        '',
        'def predict(image):',
        "    data = np.asarray(image.convert('RGB').resize((224, 224)), dtype=np.float32)",
        '    data = np.expand_dims(np.transpose(data, (2, 0, 1)), axis=0)',
        "    MODEL.forward(mx.io.DataBatch([mx.nd.array(data)]), is_train=False)",
        '    probabilities = np.squeeze(MODEL.get_outputs()[0].asnumpy())',
        '    return top_k(probabilities)',
      );
      break;
    case 'tensorflow':
      push(
        '# The archive holds a frozen graph (freeze checkpoints before packaging; do not load them here).',
        "GRAPH_FILE = 'frozen_graph.pb'",
        "INPUT_TENSOR = 'input:0'",
        "OUTPUT_TENSOR = 'output:0'",
        '',
        '',
        'def load_graph():',
        '    graph_def = tf.GraphDef()',
        "    with open(os.path.join(MODEL_PATH, GRAPH_FILE), 'rb') as f:",
        '        graph_def.ParseFromString(f.read())',
        '    graph = tf.Graph()',
        '    with graph.as_default():',
        "        tf.import_graph_def(graph_def, name='')",
        '    return graph',
        '',
        '',
        'GRAPH = load_graph()',
        'SESSION = tf.Session(graph=GRAPH)',
        'LABELS = None',
        '',
        '',
        'def predict(image):',
        "    data = np.asarray(image.convert('RGB').resize((224, 224)), dtype=np.float32) / 255.0",
        '    output = SESSION.run(GRAPH.get_tensor_by_name(OUTPUT_TENSOR),',
        '                         feed_dict={GRAPH.get_tensor_by_name(INPUT_TENSOR): np.expand_dims(data, axis=0)})',
        '    return top_k(np.squeeze(output))',
      );
      break;
    case 'neo-dlr':
      push(
        '# The archive is the output of a SageMaker Neo compilation job for this platform.',
        `DEVICE = ${pyString(a.platform === 'jetson-tx2' ? 'gpu' : 'cpu')}`,
        "INPUT_NAME = 'data'",
        '',
        'MODEL = dlr.DLRModel(MODEL_PATH, DEVICE)',
        'LABELS = None',
        '',
        '',
        'def predict(image):',
        "    data = np.asarray(image.convert('RGB').resize((224, 224)), dtype=np.float32)",
        '    data = np.expand_dims(np.transpose(data, (2, 0, 1)), axis=0)',
        '    outputs = MODEL.run({INPUT_NAME: data})',
        '    return top_k(np.squeeze(outputs[0]))',
      );
      break;
    case 'image-classification-connector-client':
      push(
        '# The connector serves the model under this name (its LocalInferenceServiceName parameter).',
        `SERVICE_NAME = ${pyString(a.functionName)}`,
        '',
        "ml_client = ml.client('inference')",
        '',
        '',
        'def predict(image_bytes):',
        '    response = ml_client.invoke_inference(',
        "        AlgoType='image-classification',",
        '        ServiceName=SERVICE_NAME,',
        "        ContentType='image/jpeg',",
        '        Body=image_bytes,',
        '    )',
        "    return json.loads(response['Body'].read())",
      );
      break;
  }

  if (a.framework !== 'image-classification-connector-client') {
    push(
      '',
      '',
      'def top_k(probabilities, k=5):',
      '    best = np.argsort(probabilities)[::-1][:k]',
      "    return [{'label': LABELS[int(i)] if LABELS else int(i), 'probability': float(probabilities[int(i)])} for i in best]",
    );
  }

  // Image input.
  push('', '', 'def read_image(event=None):');
  push(
    "    if event and isinstance(event, dict) and event.get('image'):",
    "        data = base64.b64decode(event['image'])",
  );
  if (camera) {
    push(
      '    else:',
      '        stream = io.BytesIO()',
      '        with picamera.PiCamera() as camera:',
      '            camera.resolution = (640, 480)',
      "            camera.capture(stream, format='jpeg')",
      '        data = stream.getvalue()',
    );
  } else {
    push(
      '    else:',
      "        with open(SAMPLE_IMAGE, 'rb') as f:",
      '            data = f.read()',
    );
  }
  push(a.framework === 'image-classification-connector-client' ? '    return data' : '    return Image.open(io.BytesIO(data))');

  push(
    '',
    '',
    'def infer_and_publish(event=None):',
    '    result = predict(read_image(event))',
    "    iot.publish(topic=TOPIC, payload=json.dumps({'predictions': result}))",
    '    return result',
  );

  if (a.lifecycle === 'pinned') {
    push(
      '',
      '',
      'def infinite_infer_run():',
      '    try:',
      '        infer_and_publish()',
      '    except Exception as e:',
      "        LOGGER.exception('Inference failed')",
      "        iot.publish(topic=TOPIC, payload=json.dumps({'error': str(e)}))",
      '    Timer(INTERVAL_SECONDS, infinite_infer_run).start()',
      '',
      '',
      '# A pinned function starts once with the core and keeps running this loop.',
      'infinite_infer_run()',
      '',
      '',
      'def function_handler(event, context):',
      '    # Not invoked for a pinned function that has no subscriptions to it.',
      '    return',
    );
  } else {
    push(
      '',
      '',
      'def function_handler(event, context):',
      '    # One inference per message; the message may carry a base64 JPEG as "image".',
      '    try:',
      '        return infer_and_publish(event)',
      '    except Exception as e:',
      "        LOGGER.exception('Inference failed')",
      "        iot.publish(topic=TOPIC, payload=json.dumps({'error': str(e)}))",
      '        raise',
    );
  }
  return lines.join('\n') + '\n';
}

/** requirements.txt: what to package with the function; the framework itself is installed on the core device. */
export function generateRequirements(a: ScaffoldAnswers): string {
  const onDevice: string[] = [];
  switch (a.framework) {
    case 'mxnet': onDevice.push('mxnet (the same version the model was trained with)', 'numpy', 'Pillow'); break;
    case 'tensorflow': onDevice.push('tensorflow 1.x', 'numpy', 'Pillow'); break;
    case 'neo-dlr': onDevice.push('dlr (the SageMaker Neo runtime for ' + a.platform + ')', 'numpy', 'Pillow'); break;
    case 'image-classification-connector-client': break;
  }
  if (usesPiCamera(a)) onDevice.push('picamera');
  const lines = [
    `# Packaged with ${a.functionName} (pip install -r requirements.txt -t .).`,
    'greengrasssdk',
  ];
  if (a.framework === 'image-classification-connector-client') {
    lines.push('# The Greengrass Machine Learning SDK (greengrass_machine_learning_sdk) is downloaded from the', '# Image Classification connector page and packaged with the function.');
  }
  if (onDevice.length) {
    lines.push('# Installed on the core device, not packaged:');
    for (const d of onDevice) lines.push(`#   ${d}`);
  }
  return lines.join('\n') + '\n';
}

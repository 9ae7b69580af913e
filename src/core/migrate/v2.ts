// The Greengrass V2 names a migration writes: AWS-provided components and their versions, the documentation pages
// the report links to, and the placeholder a deployment targets until a thing group is chosen.

export { THING_GROUP_PLACEHOLDER } from '../v2/migrationRecord';

/**
 * AWS-provided components a migration deploys, with the version written into deployment.json. Deploying names an
 * exact version; these are the versions the local test endpoint serves. The report asks users to check for newer ones.
 */
export const AWS_COMPONENTS = {
  nucleus: { name: 'aws.greengrass.Nucleus', version: '2.14.3' },
  router: { name: 'aws.greengrass.LegacySubscriptionRouter', version: '2.1.13' },
  shadow: { name: 'aws.greengrass.ShadowManager', version: '2.3.10' },
  streams: { name: 'aws.greengrass.StreamManager', version: '2.2.1' },
  logs: { name: 'aws.greengrass.LogManager', version: '2.3.9' },
  secrets: { name: 'aws.greengrass.SecretManager', version: '2.2.2' },
  bridge: { name: 'aws.greengrass.clientdevices.mqtt.Bridge', version: '2.3.2' },
} as const;

const GUIDE = 'https://docs.aws.amazon.com/greengrass/v2/developerguide/';

/** Greengrass V2 documentation pages, by topic. */
export const V2_DOCS = {
  differences: `${GUIDE}greengrass-v1-concept-differences.html`,
  upgradeCore: `${GUIDE}upgrade-v1-core-devices.html`,
  importLambda: `${GUIDE}import-lambda-function-cli.html`,
  runLambda: `${GUIDE}run-lambda-functions.html`,
  router: `${GUIDE}legacy-subscription-router-component.html`,
  recipe: `${GUIDE}component-recipe-reference.html`,
  mlCustomization: `${GUIDE}ml-customization.html`,
  shadowManager: `${GUIDE}shadow-manager-component.html`,
  ipcShadow: `${GUIDE}ipc-local-shadows.html`,
  ipcPubsub: `${GUIDE}ipc-publish-subscribe.html`,
  secretManager: `${GUIDE}secret-manager-component.html`,
  mqttBridge: `${GUIDE}mqtt-bridge-component.html`,
  clientDevices: `${GUIDE}interact-with-local-iot-devices.html`,
  logManager: `${GUIDE}log-manager-component.html`,
  nucleus: `${GUIDE}greengrass-nucleus-component.html`,
  tokenExchangeRole: `${GUIDE}device-service-role.html`,
  awsComponents: `${GUIDE}public-components.html`,
  createDeployment: 'https://docs.aws.amazon.com/greengrass/v2/APIReference/API_CreateDeployment.html',
  createComponentVersion: 'https://docs.aws.amazon.com/greengrass/v2/APIReference/API_CreateComponentVersion.html',
} as const;

/** Where Greengrass V2 unarchives a component's ZIP artifact on a core device with the default root (/greengrass/v2). */
export function unarchivedFolder(component: string, version: string, zipName: string): string {
  return `/greengrass/v2/packages/artifacts-unarchived/${component}/${version}/${zipName.replace(/\.zip$/i, '')}`;
}

/** What a connector's Parameters become in its replacement component's configuration merge. */
export interface ConnectorTranslation {
  /** The configuration to merge, or undefined when no parameter could be carried. */
  merge?: Record<string, unknown> | undefined;
  /** Parameters that were carried, and those that were not (by name). */
  carried: string[];
  left: string[];
}

/**
 * The Lambda-component replacements of the V1 connectors (SNS, Firehose) take the connector's parameters as
 * environment variables under lambdaExecutionParameters, and its isolation as containerMode (their component pages
 * give these keys and examples).
 */
function lambdaConnector(env: Record<string, string>): (params: Record<string, unknown>) => ConnectorTranslation {
  return (params) => {
    const variables: Record<string, string> = {};
    const merge: Record<string, unknown> = {};
    const carried: string[] = [];
    const left: string[] = [];
    for (const [key, value] of Object.entries(params)) {
      const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
      if (text === undefined) left.push(key);
      else if (env[key]) {
        variables[env[key]] = text;
        carried.push(key);
      } else if (key === 'IsolationMode' && (text === 'NoContainer' || text === 'GreengrassContainer')) {
        merge['containerMode'] = text;
        carried.push(key);
      } else if (key === 'MemorySize' && /^\d+$/.test(text)) {
        merge['containerParams'] = { memorySize: Number(text) };
        carried.push(key);
      } else left.push(key);
    }
    if (Object.keys(variables).length) merge['lambdaExecutionParameters'] = { EnvironmentVariables: variables };
    return { ...(Object.keys(merge).length ? { merge } : {}), carried, left };
  };
}

/** CloudWatch metrics 3.x (a generic component) takes the connector's batching parameters under the same names. */
function cloudWatchConnector(params: Record<string, unknown>): ConnectorTranslation {
  const merge: Record<string, unknown> = {};
  const carried: string[] = [];
  const left: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if ((key === 'PublishInterval' || key === 'MaxMetricsToRetain') && /^\d+$/.test(String(value))) {
      merge[key] = Number(value);
      carried.push(key);
    } else if (key === 'PublishRegion' && typeof value === 'string' && value) {
      merge[key] = value;
      carried.push(key);
    } else left.push(key);
  }
  return { ...(Object.keys(merge).length ? { merge } : {}), carried, left };
}

export interface ConnectorComponent {
  match: RegExp;
  component?: string;
  /** The version deployment.json names (the report asks to check for newer ones); none: the component is left out of it. */
  version?: string;
  /** How the connector's Parameters become the component's configuration, where the component's page documents it. */
  translate?: (params: Record<string, unknown>) => ConnectorTranslation;
  /** The AWS IoT Core topic the component publishes its responses on (the legacy subscription router routes it to cloud). */
  statusTopic?: string;
  note: string;
}

/** V1 connectors by the name in their ARN: the AWS-provided V2 component, or none (the ML connectors). */
export const CONNECTOR_COMPONENTS: readonly ConnectorComponent[] = [
  { match: /^(ImageClassification|ObjectDetection)/, note: 'The ML inference connectors have no Greengrass V2 equivalent; run inference in your own component (the DLR and TensorFlow Lite sample components publish results to ml/dlr/image-classification instead of serving invoke_inference_service)' },
  { match: /^MLFeedback/, note: 'The ML Feedback connector has no Greengrass V2 equivalent; upload samples from your component (for example with Stream Manager)' },
  {
    match: /^CloudWatchMetrics/, component: 'aws.greengrass.Cloudwatch', version: '3.0.0', translate: cloudWatchConnector,
    note: 'The CloudWatch metrics component (3.x, a generic component) takes the connector\'s place; it listens on local publish/subscribe cloudwatch/metric/put and answers on cloudwatch/metric/put/status',
  },
  { match: /^DeviceDefender/, component: 'aws.greengrass.DeviceDefender', note: 'Deploy the Device Defender component and move the connector parameters to its configuration' },
  {
    match: /^KinesisFirehose/, component: 'aws.greengrass.KinesisFirehose', version: '2.1.0', statusTopic: 'kinesisfirehose/message/status',
    translate: lambdaConnector({ DefaultDeliveryStreamArn: 'DEFAULT_DELIVERY_STREAM_ARN', DeliveryStreamQueueSize: 'DELIVERY_STREAM_QUEUE_SIZE', PublishInterval: 'PUBLISH_INTERVAL' }),
    note: 'The Kinesis Data Firehose component takes the connector\'s place; it listens on local publish/subscribe kinesisfirehose/message',
  },
  { match: /^ModbusRTUProtocolAdapter/, component: 'aws.greengrass.Modbus', note: 'Deploy the Modbus-RTU protocol adapter component and move the connector parameters to its configuration' },
  {
    match: /^SNS/, component: 'aws.greengrass.SNS', version: '2.1.0', statusTopic: 'sns/message/status',
    translate: lambdaConnector({ DefaultSNSArn: 'DEFAULT_SNS_ARN' }),
    note: 'The Amazon SNS component takes the connector\'s place; it listens on local publish/subscribe sns/message',
  },
];

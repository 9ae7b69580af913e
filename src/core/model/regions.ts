// Where Greengrass V1 and its SageMaker model sources are offered.

/** The regions where AWS IoT Greengrass V1 has a cloud endpoint (Greengrass V1 developer guide, "Supported regions"). */
export const GREENGRASS_V1_REGION_NAMES: readonly { id: string; name: string }[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)' },
  { id: 'us-east-2', name: 'US East (Ohio)' },
  { id: 'us-west-2', name: 'US West (Oregon)' },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { id: 'eu-west-1', name: 'Europe (Ireland)' },
  { id: 'eu-west-2', name: 'Europe (London)' },
  { id: 'cn-north-1', name: 'China (Beijing)' },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
];

/** Regions where an ML resource can take its model from a SageMaker training job (Greengrass V1 ML inference page). */
export const SAGEMAKER_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-2', 'ap-south-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2',
  'ap-northeast-1', 'eu-central-1', 'eu-west-1', 'eu-west-2',
]);

/** Regions where Greengrass V1 was offered: the SageMaker ones, China (Beijing) and GovCloud (US-West). */
export const GREENGRASS_V1_REGIONS: ReadonlySet<string> = new Set([...SAGEMAKER_REGIONS, 'cn-north-1', 'us-gov-west-1']);

// Where Greengrass V1 and its SageMaker model sources are offered, and what an AWS region code is. A region becomes
// part of a host name (greengrass.<region>.amazonaws.com), so a value from a manifest, a setting, a profile or the
// environment is accepted only when it is a region code of a known AWS partition: anything else could send signed
// requests to another host.

import * as l10n from '@vscode/l10n';
import { quoteForMessage } from '../messageText';

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

/**
 * The region patterns of the AWS partitions (the SDK's partitions.json: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,
 * aws-iso-e, aws-iso-f, aws-eusc), joined into one. Every match is also a valid host label, the SDK's own rule
 * (`isValidHostLabel`: letters, digits and hyphens, at most 63). No nested quantifiers: linear on any input.
 */
const REGION_CODE = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob|us-isof|eu-isoe|eusc-de)-[a-z]+-\d{1,3}$/;

/** True when the value is an AWS region code such as us-east-1 (and so cannot change the host a request goes to). */
export function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && REGION_CODE.test(value);
}

/** What to say when a region is not a region code, before any request is sent; the value (elided) last. */
export function badRegionMessage(region: unknown, whatToDo = l10n.t("Choose a region, or fix AWS_REGION or the profile's region")): string {
  return l10n.t('The AWS region is not a region code such as us-east-1, so nothing was sent. {0}: {1}', whatToDo, quoteForMessage(region));
}

// ARNs: the generic `arn:partition:service:region:account:resource` split is @aws-sdk/util-arn-parser's; the typed
// helpers below add each resource type's rules. Every helper takes the text as it is (callers trim typed input)
// and returns undefined for anything that is not an ARN of its type.
import { build, parse, validate } from '@aws-sdk/util-arn-parser';
import { DEFINITION_KIND_INFO, kindOfArnSegment, type DefinitionKind } from './kinds';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITION = /^aws(?:-[a-z]+)*$/;
const SERVICE = /^[a-z0-9-]+$/;
const ACCOUNT = /^\d{12}$/;

/** The parts of an ARN; undefined when the text is not `arn:<aws partition>:<service>:<region>:<account>:<resource>`. */
export function parseArn(text: string): Arn | undefined {
  if (!validate(text)) return undefined;
  const p = parse(text);
  if (!PARTITION.test(p.partition) || !SERVICE.test(p.service) || !p.resource) return undefined;
  return { partition: p.partition, service: p.service, region: p.region, account: p.accountId, resource: p.resource };
}

export function formatArn(arn: Arn): string {
  return build({ partition: arn.partition, service: arn.service, region: arn.region, accountId: arn.account, resource: arn.resource });
}

/** True for a 12-digit AWS account id. */
export function isAccountId(account: string): boolean {
  return ACCOUNT.test(account);
}

export interface LambdaArn {
  region: string;
  /** '' or the account id as written (the linter checks it is 12 digits). */
  account: string;
  name: string;
  /** The version or alias, when the ARN is qualified. */
  qualifier?: string;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]+$/;

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]` → its parts. */
export function parseLambdaArn(text: string): LambdaArn | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'lambda' || !/^[a-z0-9-]*$/.test(arn.region) || !/^\d*$/.test(arn.account)) return undefined;
  const [type, name, qualifier, ...rest] = arn.resource.split(':');
  if (type !== 'function' || !name || !FUNCTION_NAME.test(name) || qualifier === '' || rest.length) return undefined;
  return { region: arn.region, account: arn.account, name, ...(qualifier !== undefined ? { qualifier } : {}) };
}

export function formatLambdaArn(arn: LambdaArn & { partition?: string }): string {
  return formatArn({ partition: arn.partition ?? 'aws', region: arn.region, account: arn.account, service: 'lambda', resource: `function:${arn.name}${arn.qualifier !== undefined ? `:${arn.qualifier}` : ''}` });
}

/** What follows `function:` in a Lambda ARN ("classifier:prod"); undefined for other text. */
export function lambdaQualifiedName(text: string): string | undefined {
  const arn = parseArn(text);
  return arn?.service === 'lambda' && arn.resource.startsWith('function:') && arn.resource.length > 9 ? arn.resource.slice(9) : undefined;
}

export interface TrainingJobArn {
  region: string;
  account: string;
  jobName: string;
}

const TRAINING_JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** `arn:aws:sagemaker:<region>:<12-digit account>:training-job/<name>` → its parts. */
export function parseTrainingJobArn(text: string): TrainingJobArn | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'sagemaker' || !arn.region || !/^[a-z0-9-]+$/.test(arn.region) || !isAccountId(arn.account)) return undefined;
  const m = /^training-job\/(.+)$/.exec(arn.resource);
  if (!m?.[1] || !TRAINING_JOB_NAME.test(m[1])) return undefined;
  return { region: arn.region, account: arn.account, jobName: m[1] };
}

export function formatTrainingJobArn(arn: TrainingJobArn & { partition?: string }): string {
  return formatArn({ partition: arn.partition ?? 'aws', region: arn.region, account: arn.account, service: 'sagemaker', resource: `training-job/${arn.jobName}` });
}

export interface IamRoleArn {
  partition: string;
  account: string;
  /** The role's path, '/' unless it was created with one. */
  path: string;
  name: string;
}

/** `arn:aws:iam::<12-digit account>:role[/path]/<name>` → its parts. */
export function parseIamRoleArn(text: string): IamRoleArn | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'iam' || arn.region || !isAccountId(arn.account)) return undefined;
  const m = /^role(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn.resource);
  if (!m?.[1] || !m[2]) return undefined;
  return { partition: arn.partition, account: arn.account, path: m[1], name: m[2] };
}

/** `arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>` → its parts. */
export function parseSecretArn(text: string): { region: string; account: string; name: string } | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'secretsmanager' || !/^[a-z0-9-]+$/.test(arn.region) || !isAccountId(arn.account)) return undefined;
  const m = /^secret:([a-zA-Z0-9/_+=.@-]+)$/.exec(arn.resource);
  return m?.[1] ? { region: arn.region, account: arn.account, name: m[1] } : undefined;
}

/** `arn:aws:greengrass:<region>:<account>:/greengrass/groups/<id>[/versions/<version>]` → the group id and version id. */
export function parseGroupArn(text: string): { groupId: string; versionId?: string } | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'greengrass') return undefined;
  const m = /^\/?greengrass\/groups\/([^/]+)(?:\/versions\/([^/]+))?$/.exec(arn.resource);
  return m?.[1] ? { groupId: m[1], ...(m[2] ? { versionId: m[2] } : {}) } : undefined;
}

export interface DefinitionVersionArn {
  kind: DefinitionKind;
  definitionId: string;
  versionId: string;
}

/**
 * `arn:aws:greengrass:<region>:<account>:/greengrass/definition/<kind>s/<id>/versions/<version>` → its parts.
 * moto writes the resource without the leading "/", which is accepted too.
 */
export function parseDefinitionVersionArn(text: string): DefinitionVersionArn | undefined {
  const arn = parseArn(text);
  if (arn?.service !== 'greengrass') return undefined;
  const m = /^\/?greengrass\/definition\/([a-z]+)\/([^/]+)\/versions\/([^/]+)$/.exec(arn.resource);
  const kind = m?.[1] ? kindOfArnSegment(m[1]) : undefined;
  return kind && m?.[2] && m[3] ? { kind, definitionId: m[2], versionId: m[3] } : undefined;
}

export function formatDefinitionVersionArn(arn: DefinitionVersionArn & { partition?: string; region: string; account: string }): string {
  return formatArn({
    partition: arn.partition ?? 'aws', service: 'greengrass', region: arn.region, account: arn.account,
    resource: `/greengrass/definition/${DEFINITION_KIND_INFO[arn.kind].arnSegment}/${arn.definitionId}/versions/${arn.versionId}`,
  });
}

// Every rule's stable code, name, default severity and documentation. Codes never change once released.
import type { DocumentKind, RuleMeta, Severity } from '../types';
import { ruleDocsPath } from '../ruleDocs';

const GG = 'https://docs.aws.amazon.com/greengrass/v1/developerguide/';
const GG2 = 'https://docs.aws.amazon.com/greengrass/v2/developerguide/';
export const SOURCES = {
  mlInference: `${GG}ml-inference.html`,
  accessMl: `${GG}access-ml-resources.html`,
  lambdaConfig: `${GG}lambda-group-config.html`,
  lambdaFunctions: `${GG}lambda-functions.html`,
  localResources: `${GG}access-local-resources.html`,
  secrets: `${GG}secrets.html`,
  mlConsole: `${GG}ml-console.html`,
  serviceRole: `${GG}service-role.html`,
  whatIs: `${GG}what-is-gg.html`,
  maintenance: `${GG}maintenance-policy.html`,
  apiResource: 'https://docs.aws.amazon.com/greengrass/v1/apireference/definitions-resource.html',
  apiFunction: 'https://docs.aws.amazon.com/greengrass/v1/apireference/definitions-function.html',
  apiCore: 'https://docs.aws.amazon.com/greengrass/v1/apireference/definitions-core.html',
  iamVersion: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
  s3Arn: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html',
  s3Actions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  regions: 'https://docs.aws.amazon.com/general/latest/gr/greengrass.html',
  json: 'https://www.rfc-editor.org/rfc/rfc8259',
  manifest: 'docs/manifest.md',
  cfnFormats: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  v2ImportLambda: `${GG2}import-lambda-function-cli.html`,
  v2RunLambda: `${GG2}run-lambda-functions.html`,
  v2Recipe: `${GG2}component-recipe-reference.html`,
  v2Router: `${GG2}legacy-subscription-router-component.html`,
  v2MlCustomization: `${GG2}ml-customization.html`,
  v2LambdaParameters: 'https://docs.aws.amazon.com/greengrass/v2/APIReference/API_LambdaExecutionParameters.html',
  v2CreateDeployment: 'https://docs.aws.amazon.com/greengrass/v2/APIReference/API_CreateDeployment.html',
} as const;

const DEF: DocumentKind[] = ['resourceDefinition', 'functionDefinition', 'coreDefinition', 'subscriptionDefinition', 'deviceDefinition'];
const ALL: DocumentKind[] = ['manifest', ...DEF, 'iamPolicy'];
const RES: DocumentKind[] = ['resourceDefinition'];
const FN: DocumentKind[] = ['functionDefinition'];
const RES_FN: DocumentKind[] = ['resourceDefinition', 'functionDefinition'];
const RECIPE: DocumentKind[] = ['componentRecipe'];
const REQUEST: DocumentKind[] = ['componentRequest'];
const DEPLOYMENT: DocumentKind[] = ['deploymentRequest'];
const V2: DocumentKind[] = [...RECIPE, ...REQUEST, ...DEPLOYMENT];

export interface RuleInfo extends RuleMeta {
  /** The official page the rule rests on. */
  source: string;
}

function r(code: string, name: string, defaultSeverity: Severity, kinds: DocumentKind[], source: string, description: string): RuleInfo {
  return { code, name, defaultSeverity, description, kinds, docs: ruleDocsPath(code), source };
}

export const RULE_INFO: readonly RuleInfo[] = [
  r('GGML-JSON001', 'json-syntax', 'error', [...ALL, ...V2], SOURCES.json, 'The file is not valid JSON (comments and trailing commas are accepted).'),
  r('GGML-JSON002', 'file-too-large', 'info', [...ALL, ...V2], SOURCES.json, 'The file is larger than the lint size limit (1 MiB by default) and was not linted.'),
  r('GGML-JSON003', 'empty-document', 'info', ALL, SOURCES.json, 'The file is empty.'),
  r('GGML-JSON004', 'nesting-too-deep', 'info', [...ALL, ...V2], SOURCES.json, 'The file nests too deeply to be linted.'),
  r('GGML-JSON005', 'duplicate-key', 'error', [...ALL, 'template', ...V2], SOURCES.json, 'An object or mapping repeats a key; readers use the last value, so the earlier ones are ignored.'),
  r('GGML-TPL001', 'template-yaml-syntax', 'error', ['template', ...RECIPE], SOURCES.cfnFormats, 'A YAML template is one well-formed YAML document, indented with spaces, whose aliases stay small.'),
  r('GGML-EOS001', 'greengrass-v1-end-of-support', 'info', ALL, SOURCES.maintenance, 'AWS IoT Greengrass V1 reached end of support on 2026-10-07 (one note per group: on its manifest or template, or on a file no manifest lists).'),

  r('GGML-ID001', 'id-pattern', 'error', DEF, SOURCES.mlInference, 'Ids and resource names use only letters, digits, ":", "_" and "-".'),
  r('GGML-ID002', 'id-length', 'error', DEF, SOURCES.mlInference, 'Ids and resource names are at most 128 characters long.'),
  r('GGML-ID003', 'duplicate-id', 'error', DEF, SOURCES.apiResource, 'Ids are unique within a definition.'),
  r('GGML-ID004', 'duplicate-resource-name', 'error', RES, SOURCES.apiResource, 'Resource names are unique within a group.'),

  r('GGML-ML001', 's3-uri-syntax', 'error', RES, SOURCES.mlInference, 'An S3 model source is an s3://bucket/key URI.'),
  r('GGML-ML002', 'model-archive-format', 'error', RES, SOURCES.mlInference, 'An S3 model source is a .tar.gz or .zip archive.'),
  r('GGML-ML003', 'bucket-name-period', 'error', RES, SOURCES.mlInference, 'The model bucket name contains no period.'),
  r('GGML-ML004', 'sagemaker-job-arn', 'error', RES, SOURCES.mlInference, 'A SageMaker model source is a training job ARN.'),
  r('GGML-ML005', 'sagemaker-region', 'error', RES, SOURCES.mlInference, 'SageMaker model sources are used only in the regions that support them.'),
  r('GGML-ML006', 'absolute-path', 'error', RES, SOURCES.mlInference, 'Resource source and destination paths are absolute paths on the core device.'),

  r('GGML-LR001', 'device-source-path', 'error', RES, SOURCES.localResources, 'A local device resource is a device under /dev (not /dev/shm).'),
  r('GGML-LR002', 'volume-source-path', 'error', RES, SOURCES.localResources, 'A local volume resource is not under /sys, /dev (except /dev/shm) or /var.'),
  r('GGML-LR003', 'proc-volume', 'error', RES_FN, SOURCES.localResources, 'A /proc volume needs core 1.6, read-only access and a destination other than /proc.'),
  r('GGML-LR004', 'secret-arn', 'error', RES, SOURCES.secrets, 'A secret resource names a Secrets Manager secret ARN.'),
  r('GGML-LR005', 'resource-data-type', 'error', RES, SOURCES.apiResource, 'A ResourceDataContainer holds exactly one resource type.'),

  r('GGML-ACC001', 'no-container-needs-owner-setting', 'error', RES, SOURCES.accessMl, 'An ML resource used by a NoContainer function has an OwnerSetting.'),
  r('GGML-ACC002', 'no-container-permission', 'error', FN, SOURCES.accessMl, 'A NoContainer function sets no Permission for an ML resource.'),
  r('GGML-ACC003', 'permission-exceeds-owner', 'error', FN, SOURCES.accessMl, 'A function asks for no more than the ML resource\'s GroupPermission.'),
  r('GGML-ACC004', 'permission-missing', 'error', FN, SOURCES.accessMl, 'Access to an ML resource is set in the OwnerSetting or the function\'s policy.'),
  r('GGML-ACC005', 'owner-setting-incomplete', 'error', RES, SOURCES.accessMl, 'An OwnerSetting has both GroupOwner and GroupPermission (ro or rw).'),
  r('GGML-ACC006', 'nested-destination-paths', 'error', FN, SOURCES.accessMl, 'A NoContainer function does not attach ML resources with equal or nested destination paths.'),
  r('GGML-ACC007', 'owner-setting-core-version', 'error', RES, SOURCES.accessMl, 'OwnerSetting needs Greengrass Core 1.10 or later.'),
  r('GGML-ACC008', 'run-as-gid-unattached', 'error', FN, SOURCES.accessMl, 'A function whose RunAs Gid owns an ML resource attaches that resource (unless it runs as root).'),
  r('GGML-ACC009', 'no-container-core-version', 'error', FN, SOURCES.lambdaConfig, 'NoContainer needs core 1.7, and 1.10 to attach ML resources.'),
  r('GGML-ACC010', 'legacy-core-permission', 'error', FN, SOURCES.accessMl, 'On core 1.9 and earlier every ML resource policy sets Permission.'),
  r('GGML-ACC011', 'owner-setting-unneeded', 'hint', RES, SOURCES.accessMl, 'An ML resource used only by containerized functions needs no OwnerSetting.'),

  r('GGML-XF001', 'unknown-resource', 'error', FN, SOURCES.accessMl, 'A ResourceAccessPolicies entry names a resource of the group\'s resource definition.'),
  r('GGML-XF002', 'permission-value', 'error', FN, SOURCES.mlInference, 'A resource Permission is ro or rw.'),
  r('GGML-XF003', 'too-many-policies', 'error', FN, SOURCES.lambdaConfig, 'A function has at most 10 ResourceAccessPolicies.'),

  r('GGML-FN001', 'qualified-function-arn', 'error', FN, SOURCES.lambdaConfig, 'FunctionArn names a published version or an alias, not $LATEST.'),
  r('GGML-FN002', 'runtime-core-version', 'error', FN, SOURCES.lambdaFunctions, 'The function\'s runtime is supported by the group\'s core version.'),
  r('GGML-FN003', 'deprecated-runtime', 'warning', FN, SOURCES.lambdaFunctions, 'The function\'s runtime can no longer be created in AWS Lambda.'),
  r('GGML-FN004', 'memory-size-units', 'warning', FN, SOURCES.lambdaConfig, 'MemorySize is in KB; small values look like MB.'),
  r('GGML-FN005', 'no-container-ignored-settings', 'warning', FN, SOURCES.lambdaConfig, 'MemorySize and AccessSysfs do not apply to NoContainer functions.'),
  r('GGML-FN006', 'run-as-root', 'warning', FN, SOURCES.lambdaConfig, 'Running as root (Uid 0) needs allowFunctionsToRunAsRoot in the core\'s config.json.'),
  r('GGML-FN007', 'mxnet-naive-engine', 'warning', FN, SOURCES.mlConsole, 'MXNet functions for Raspberry Pi set MXNET_ENGINE_TYPE=NaiveEngine.'),
  r('GGML-FN008', 'mxnet-engine-value', 'error', FN, SOURCES.mlConsole, 'MXNET_ENGINE_TYPE is a real engine name (NaiveEngine, not NativeEngine).'),

  r('GGML-CORE001', 'ml-core-version', 'error', ['resourceDefinition', 'manifest'], SOURCES.mlInference, 'ML resources need Greengrass Core 1.6 or later.'),
  r('GGML-CORE002', 'one-core', 'error', ['coreDefinition'], SOURCES.apiCore, 'A core definition has exactly one core.'),

  r('GGML-IAM001', 'policy-version', 'warning', ['iamPolicy'], SOURCES.iamVersion, 'The policy has Version "2012-10-17".'),
  r('GGML-IAM002', 'get-object-bucket-arn', 'error', ['iamPolicy'], SOURCES.s3Actions, 's3:GetObject is granted on objects (bucket/*), not on the bucket ARN.'),
  r('GGML-IAM003', 's3-arn-region-account', 'error', ['iamPolicy'], SOURCES.s3Arn, 'S3 ARNs carry no region or account.'),
  r('GGML-IAM004', 'broad-wildcard-action', 'warning', ['iamPolicy'], SOURCES.serviceRole, 'Wildcard actions grant no more than read-only access.'),
  r('GGML-IAM005', 'model-bucket-access', 'error', ['iamPolicy', 'resourceDefinition'], SOURCES.mlInference, 'The service role policy grants s3:GetObject on every model bucket the managed policy does not cover.'),

  r('GGML-MAN001', 'manifest-missing-file', 'error', ['manifest'], SOURCES.manifest, 'Every file the manifest names exists.'),
  r('GGML-MAN002', 'manifest-region', 'error', ['manifest'], SOURCES.regions, 'The manifest\'s region is one where Greengrass V1 is available.'),
  r('GGML-MAN003', 'manifest-core-version', 'error', ['manifest'], SOURCES.manifest, 'The manifest\'s coreVersion is a Greengrass Core v1 version such as 1.11.6.'),
  r('GGML-MAN004', 'manifest-platform', 'error', ['manifest'], SOURCES.manifest, 'The manifest\'s platforms are raspberry-pi, jetson-tx2 or x86_64.'),
  r('GGML-MAN005', 'manifest-name', 'error', ['manifest'], SOURCES.manifest, 'The manifest names the group.'),
  r('GGML-MAN006', 'manifest-file-kind', 'warning', ['manifest'], SOURCES.manifest, 'Each file the manifest names holds the kind of document its key says.'),

  r('GGML-V2001', 'lambda-component-version-arn', 'error', REQUEST, SOURCES.v2ImportLambda, 'A Lambda component\'s lambdaArn names a published version, not an alias or $LATEST.'),
  r('GGML-V2002', 'lambda-pinned-explicit', 'warning', REQUEST, SOURCES.v2LambdaParameters, 'A Lambda component sets pinned explicitly (V2 defaults to pinned, V1 to on demand).'),
  r('GGML-V2003', 'unarchive-zip-only', 'error', RECIPE, SOURCES.v2Recipe, 'An artifact unpacked with Unarchive ZIP is a .zip archive, not a .tar.gz or other format.'),
  r('GGML-V2004', 'artifact-not-migrated', 'warning', RECIPE, SOURCES.v2MlCustomization, 'A migrated model component\'s artifact URI is the URI of a model of its migration.'),
  r('GGML-V2005', 'component-version-semver', 'error', V2, SOURCES.v2Recipe, 'A component version is a semantic version (major.minor.patch).'),
  r('GGML-V2006', 'component-dependency-cycle', 'error', [...RECIPE, ...REQUEST], SOURCES.v2Recipe, 'The component dependencies of a migration folder form no cycle.'),
  r('GGML-V2007', 'router-subscription-undeployed', 'error', DEPLOYMENT, SOURCES.v2Router, 'A LegacySubscriptionRouter subscription names only components the deployment deploys.'),
  r('GGML-V2008', 'volume-destination-unread', 'warning', REQUEST, SOURCES.v2RunLambda, 'The handler of a Lambda component reads each volume\'s destination path.'),
  r('GGML-V2009', 'deployment-target-placeholder', 'warning', DEPLOYMENT, SOURCES.v2CreateDeployment, 'A deployment targets a real thing group, not the placeholder the migration writes.'),
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULE_INFO.map((x) => [x.code, x]));

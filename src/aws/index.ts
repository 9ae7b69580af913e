// The AWS layer: loaded on first cloud use (its own bundle, dist/aws.js), never at activation.
// Everything the VS Code layer needs from AWS is exported here.
import * as l10n from '@vscode/l10n';
export { describeEndpoint } from './endpoint';
/** The translation the core's words in this bundle use: the extension passes `vscode.l10n.bundle` when it loads it. */
export function configureL10n(bundle: Record<string, string | { message: string; comment: string[] }>): void {
  l10n.config({ contents: bundle });
}
export {
  createAwsClients, describeConnection, isLocalEndpoint, formatCall,
  DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS,
} from './clients';
export type { AwsClients, ConnectionSettings, AwsClientOptions, AwsLogLevel, MfaCodeRequest } from './clients';
export { listProfiles, defaultProfileName, findProfile, profileKind } from './profiles';
export { describeAwsError, toAwsError, redactSecrets, AwsError } from './errors';
export type { ErrorContext } from './errors';
export { parseS3Uri, formatS3Uri, parseTrainingJobArn, parseDefinitionVersionArn, formatBytes } from '../core/model';
export {
  GreengrassExplorerService, loadGroupRows, toGroupRow, lambdaDisplayName, DEFAULT_PAGE_SIZE,
} from './greengrass';
export type { DeploymentPageRequest } from './greengrass';
export { ModelSourcesService, ModelArchiveService, OBJECT_CHUNK_BYTES, USED_BY_MAX_GROUPS } from './modelSources';
export type { ArtifactState, ModelUser, ModelUsers, ObjectReadOptions } from './modelSources';
export { archiveLayoutProblem, formatArchiveListing, DEFAULT_LISTING_LIMITS } from '../core/archive';
export type { ArchiveEntry, ArchiveListing, ListingLimits } from '../core/archive';
export * from './types';
// Ship: upload a model, publish a function, deploy, bulk deploy.
export {
  deployGroup, prepareGroupVersion, createDeployment, deployLatestVersion, checkGroup, watchDeployment, redeployGroup, resetDeployments,
  latestDeployment, nodeGroupIo, ShipError,
} from './deploy';
export type { GroupIo, DeployOptions, DeployResult, Deployed, Blocked, Prepared } from './deploy';
export { uploadModel, packFolder, scanFolder, objectExists } from './upload';
export type { UploadModelOptions, UploadModelResult, UploadProgress } from './upload';
export { publishFunction } from './publish';
export type { PublishOptions, PublishResult } from './publish';
export { startBulkDeployment, watchBulkDeployment, bulkDeploymentReports, newGroupVersionFromLatest } from './bulk';
export type { BulkGroup, StartedBulk, BulkGroupReport, BulkMetrics } from './bulk';
// The Greengrass V2 migration (no AWS call in it): loaded with this bundle, which already carries the lint engine,
// the template decoder and the archive packers it uses, so that the extension bundle stays small.
export {
  prepareMigration, writeMigration, existingFiles, sageMakerJobs, versionQueries, defaultOutDir, sourceKind, templateGroupNames, MigrationError, REPORT_FILE,
} from '../core/migrate';
export { resolveLambdaVersions } from './lambdaVersions';
// Greengrass V2: publish a migration folder's components, deploy them to a thing group, watch, cancel, revise.
export { publishComponents, DEFAULT_READY_TIMEOUT_MS } from './v2/publish';
export type { PublishComponentsOptions, PublishComponentsResult, PublishedComponent, VersionConflict } from './v2/publish';
export {
  deployMigrationFolder, watchV2Deployment, describeV2Outcome, cancelV2Deployment, reviseV2Deployment, getV2Deployment,
  listDeploymentTargets, coreDeviceThingArn, listV2Deployments, targetCoreDevices, deviceSettled,
} from './v2/deploy';
export type { V2WatchOutcome, V2OutcomeSubject, DescribeV2OutcomeOptions, DeviceProgress, TargetChoice, CreatedV2Deployment } from './v2/deploy';
export { uploadFile } from './upload';
// Greengrass V2: core devices, deployments, components.
export { GreengrassV2ExplorerService, splitComponentVersionArn, USED_BY_MAX_DEPLOYMENTS } from './v2/read';
export type { CoreDevicePageRequest, DeploymentPageRequestV2 } from './v2/read';
export type * from './v2/types';

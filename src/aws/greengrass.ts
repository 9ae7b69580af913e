// Greengrass V1 listings for the explorer: groups, versions, definitions, deployments; and pulling a group.
import type { AwsClients } from './clients';
import type {
  DefinitionKind, DefinitionVersionDocument, DeploymentInfo, DeploymentStatusInfo, GroupInfo, GroupPageRequest, GroupRow,
  GroupSummary, GroupVersionDetails, GroupVersionDetailsOptions, GroupVersionInfo, Page, PageRequest, PulledFile, PullOptions,
} from './types';

export interface DeploymentPageRequest extends PageRequest {
  /** How many of the newest deployments get their status (GetDeploymentStatus) fetched; default 5. */
  withStatus?: number;
}

export class GreengrassExplorerService {
  constructor(readonly clients: AwsClients) {}

  /** A page of groups. moto and some endpoints ignore MaxResults: the page is then cut here and continued with a local token. */
  async listGroups(_request: GroupPageRequest = {}): Promise<Page<GroupInfo>> { throw new Error('not implemented'); }

  /** The group, its latest version and its newest deployment with status. */
  async getGroupSummary(_groupId: string): Promise<GroupSummary> { throw new Error('not implemented'); }

  /** The group version and all its definition versions (fetched concurrently); a failing part is an error entry. */
  async getGroupVersionDetails(_groupId: string, _versionId?: string, _options: GroupVersionDetailsOptions = {}): Promise<GroupVersionDetails> { throw new Error('not implemented'); }

  /** Deployments newest first; the newest `withStatus` carry their status and error details. */
  async listDeployments(_groupId: string, _request: DeploymentPageRequest = {}): Promise<Page<DeploymentInfo>> { throw new Error('not implemented'); }

  async getDeploymentStatus(_groupId: string, _deploymentId: string): Promise<DeploymentStatusInfo> { throw new Error('not implemented'); }

  /** Group versions newest first. */
  async listGroupVersions(_groupId: string, _request: PageRequest = {}): Promise<Page<GroupVersionInfo>> { throw new Error('not implemented'); }

  /** The raw get-*-definition-version output for read-only display. */
  async getDefinitionVersionJson(_kind: DefinitionKind, _definitionId: string, _versionId: string): Promise<DefinitionVersionDocument> { throw new Error('not implemented'); }

  /** The group as workspace files: greengrass-ml.json plus each definition as AWS CLI create-*-definition-version input. */
  async pullGroup(_groupId: string, _options: PullOptions = {}): Promise<PulledFile[]> { throw new Error('not implemented'); }
}

/** The first (or next) page of group rows as the tree shows them: the tree and the benchmark both call this. */
export async function loadGroupRows(_service: GreengrassExplorerService, _request: GroupPageRequest = {}): Promise<Page<GroupRow>> {
  throw new Error('not implemented');
}

/** What a group looks like in a list (no extra calls). */
export function toGroupRow(_group: GroupInfo): GroupRow {
  throw new Error('not implemented');
}

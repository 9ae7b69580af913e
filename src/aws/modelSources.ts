// Model sources: S3 buckets with model archives, and SageMaker training jobs.
import type { AwsClients } from './clients';
import type {
  ArchiveDetails, BucketInfo, ModelArchive, ModelArchivePageRequest, Page, TrainingJobDetails, TrainingJobInfo, TrainingJobPageRequest,
} from './types';

export class ModelSourcesService {
  constructor(readonly clients: AwsClients) {}

  async listBuckets(): Promise<BucketInfo[]> { throw new Error('not implemented'); }

  /** Only `.tar.gz` / `.zip` keys; nextToken is S3's continuation token. */
  async listModelArchives(_bucket: string, _request: ModelArchivePageRequest = {}): Promise<Page<ModelArchive>> { throw new Error('not implemented'); }

  /** Size, last change and encryption (the object's, else the bucket's default). */
  async describeArchive(_bucket: string, _key: string): Promise<ArchiveDetails> { throw new Error('not implemented'); }

  async listTrainingJobs(_request: TrainingJobPageRequest = {}): Promise<Page<TrainingJobInfo>> { throw new Error('not implemented'); }

  async describeTrainingJob(_name: string): Promise<TrainingJobDetails> { throw new Error('not implemented'); }
}

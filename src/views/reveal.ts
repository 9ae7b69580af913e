import * as vscode from 'vscode';
import type { ResourceInfo } from '../aws/types';
import type { ExplorerRoots } from './explorer';
import type { ExplorerNode } from './nodes/node';
import type { BucketNode } from './nodes/modelSources';

export type ModelSourceLookup =
  | { node: ExplorerNode }
  | { problem: string };

/**
 * Finds the node of an ML resource's model source below "Model Sources": the archive in its bucket, or the
 * training job. Loads pages (and, when the item is further away, narrows the list with a filter) as needed.
 */
export async function findModelSource(roots: ExplorerRoots, resource: ResourceInfo): Promise<ModelSourceLookup> {
  const aws = await roots.services.connection.aws();
  if (resource.type === 'mlS3' && resource.s3Uri) {
    const location = aws.parseS3Uri(resource.s3Uri);
    if (!location) return { problem: vscode.l10n.t('The resource\'s S3 URI is not valid: {0}', resource.s3Uri) };
    const buckets = roots.modelSources.s3;
    if (buckets.filter && !location.bucket.toLowerCase().includes(buckets.filter.toLowerCase())) buckets.setFilter(undefined);
    const bucket = (await buckets.loadUntil(() => buckets.nodeFor(location.bucket))) as BucketNode | undefined;
    if (!bucket) return { problem: vscode.l10n.t('The bucket is not in this account, or it cannot be listed: {0}', location.bucket) };
    if (bucket.filter && !location.key.startsWith(bucket.filter)) bucket.setFilter(undefined);
    let archive = await bucket.loadUntil(() => bucket.nodeFor(location.key), 5);
    if (!archive) {
      // Far down a large bucket: list from the key itself instead of paging there.
      bucket.setFilter(location.key);
      await bucket.ensureLoaded();
      archive = bucket.nodeFor(location.key);
    }
    return archive ? { node: archive } : { problem: vscode.l10n.t('The model archive is not in the bucket: {0}', resource.s3Uri) };
  }
  if (resource.type === 'mlSageMaker' && resource.sageMakerJobArn) {
    const job = aws.parseTrainingJobArn(resource.sageMakerJobArn);
    if (!job) return { problem: vscode.l10n.t('The resource\'s SageMaker training job ARN is not valid: {0}', resource.sageMakerJobArn) };
    const jobs = roots.modelSources.sageMaker;
    if (jobs.filter && !job.jobName.toLowerCase().includes(jobs.filter.toLowerCase())) jobs.setFilter(undefined);
    let node = await jobs.loadUntil(() => jobs.nodeFor(job.jobName), 5);
    if (!node) {
      jobs.setFilter(job.jobName);
      await jobs.ensureLoaded();
      node = jobs.nodeFor(job.jobName);
    }
    return node ? { node } : { problem: vscode.l10n.t('The training job is not in this account and region: {0}', job.jobName) };
  }
  return { problem: vscode.l10n.t('This resource has no model source (it is not an ML resource): {0}', resource.name) };
}

/**
 * Reveals and selects a node. VS Code's reveal can return without selecting anything when an ancestor was
 * redrawn just before (it expands the parents it knows, then finds nothing): try again once the parents are
 * expanded.
 */
export async function revealNode(view: vscode.TreeView<ExplorerNode>, node: ExplorerNode): Promise<boolean> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await view.reveal(node, { select: true, focus: true, expand: false });
    for (let i = 0; i < 5 && view.selection[0] !== node; i++) await new Promise((r) => setTimeout(r, 50));
    if (view.selection[0] === node) return true;
    await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
  }
  return false;
}

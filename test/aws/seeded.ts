// Shared by the AWS tests: the moto endpoint the harness started, the demo account seeded into it, and the check
// that a call fails with the AWS layer's error.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAwsClients, type AwsClients } from '../../src/aws';
import { AwsError } from '../../src/aws/errors';

export const endpoint = (): string => {
  const url = process.env['AWS_ENDPOINT_URL'];
  if (!url) throw new Error('The AWS tests need a local endpoint in AWS_ENDPOINT_URL (node scripts/test.mjs aws starts moto): not set');
  return url;
};

export interface SeededGroup {
  id: string;
  name: string;
  versionId: string;
  firstVersionId?: string;
  definitions: Record<string, { definitionId: string; versionId: string; arn: string }>;
  deployments: string[];
  unresolvedResourceIds?: string[];
}

export interface DemoAccount {
  endpoint: string;
  region: string;
  groups: { camera: SeededGroup; factory: SeededGroup; unicode: SeededGroup; empty: SeededGroup };
  buckets: string[];
  sagemakerBucket: string;
  roleArn: string;
  trainingJobs: Record<string, string>;
}

interface SeedModule {
  seedDemoAccount(endpoint: string, options?: { region?: string }): Promise<DemoAccount>;
  seedManyGroups(endpoint: string, n: number, options?: { prefix?: string; concurrency?: number }): Promise<{ groups: { id: string; name: string; versionId: string }[] }>;
  DEMO: { modelBucket: string; otherBucket: string; groups: Record<'camera' | 'factory' | 'unicode' | 'empty', string>; trainingJobs: string[] };
}

export async function seedModule(): Promise<SeedModule> {
  // The tests run from the repository root (out/test/aws is compiled; scripts/seed.mjs is not).
  return (await import(pathToFileURL(join(process.cwd(), 'scripts', 'seed.mjs')).href)) as SeedModule;
}

export async function resetMoto(): Promise<void> {
  const r = await fetch(`${endpoint()}/moto-api/reset`, { method: 'POST' });
  await r.arrayBuffer();
}

/** A fresh moto with the demo account. */
export async function seedFreshDemo(): Promise<DemoAccount> {
  await resetMoto();
  return (await seedModule()).seedDemoAccount(endpoint());
}

/** Runs `fn` with some environment variables replaced (undefined removes one), restoring them afterwards. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The AwsError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function awsFailure(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AwsError, `expected an AwsError, got: ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** Creates AWS clients as the extension does and disposes of every one after each test of the suite it is called in. */
export function clientsDisposedAfterEach(): (...args: Parameters<typeof createAwsClients>) => AwsClients {
  const open: AwsClients[] = [];
  afterEach(() => {
    for (const c of open.splice(0)) c.dispose();
  });
  return (...args) => {
    const c = createAwsClients(...args);
    open.push(c);
    return c;
  };
}

// The published version a Lambda alias or $LATEST stands for, read from the endpoint for the Greengrass V2 migration
// (V2 imports a published version only). An alias: GetAlias. $LATEST (or an unqualified ARN): the newest published
// version whose code is $LATEST's (ListVersionsByFunction, a bounded number of pages). Each function's failure is
// its own answer, never the end of the others.
import { GetAliasCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { EndpointVersion, VersionQuery } from '../core/migrate';
import { parseLambdaArn } from '../core/model';
import type { AwsClients } from './clients';
import { sendAws } from './call';
import { AwsError } from './errors';

/** Pages of ListVersionsByFunction read per function at most (50 versions a page). */
export const MAX_VERSION_PAGES = 20;

const LATEST = '$LATEST';

/** The version of each queried function (by the V1 function's Id): what the endpoint said, or why it could not say. */
export async function resolveLambdaVersions(clients: AwsClients, queries: readonly VersionQuery[]): Promise<Map<string, EndpointVersion>> {
  const out = new Map<string, EndpointVersion>();
  for (const q of queries) {
    try {
      out.set(q.id, await resolveOne(clients, q));
    } catch (error) {
      out.set(q.id, { failure: failureText(error, q) });
    }
  }
  return out;
}

async function resolveOne(clients: AwsClients, q: VersionQuery): Promise<EndpointVersion> {
  if (q.qualifier !== LATEST) {
    const alias = await sendAws<{ FunctionVersion?: string; AliasArn?: string }>(clients, 'lambda', new GetAliasCommand({ FunctionName: q.functionName, Name: q.qualifier }));
    const target = alias.FunctionVersion;
    if (target && /^\d+$/.test(target)) {
      return { version: target, arn: versionedArn(alias.AliasArn, target), how: `alias ${q.qualifier} → ${target}` };
    }
    if (target !== LATEST) return { failure: `the alias ${q.qualifier} names no version` };
    const latest = await latestPublished(clients, q.functionName);
    return latest.version ? { ...latest, how: `alias ${q.qualifier} → $LATEST → ${latest.version}` } : { failure: `the alias ${q.qualifier} names $LATEST, and ${latest.failure ?? 'no version was found'}` };
  }
  const latest = await latestPublished(clients, q.functionName);
  return latest.version ? { ...latest, how: `$LATEST → ${latest.version} (the newest published version with the same code)` } : latest;
}

/** The newest published version whose CodeSha256 is $LATEST's. */
async function latestPublished(clients: AwsClients, functionName: string): Promise<EndpointVersion> {
  const versions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_VERSION_PAGES; page++) {
    const out = await sendAws<{ Versions?: FunctionConfiguration[]; NextMarker?: string }>(clients, 'lambda', new ListVersionsByFunctionCommand({
      FunctionName: functionName, MaxItems: 50, ...(marker ? { Marker: marker } : {}),
    }));
    versions.push(...(out.Versions ?? []));
    marker = out.NextMarker || undefined;
    if (!marker) break;
  }
  const latest = versions.find((v) => v.Version === LATEST);
  if (!latest?.CodeSha256) return { failure: `Lambda listed no $LATEST code for ${functionName}` };
  const same = versions
    .filter((v) => v.Version && /^\d+$/.test(v.Version) && v.CodeSha256 === latest.CodeSha256)
    .sort((a, b) => Number(b.Version) - Number(a.Version))[0];
  if (!same) {
    return { failure: `no published version of ${functionName} has $LATEST's code${marker ? ` among the first ${versions.length} versions` : ''}; publish a version first (aws lambda publish-version --function-name ${functionName})` };
  }
  return { version: same.Version!, arn: versionedArn(same.FunctionArn, same.Version!) };
}

/** The ARN with its qualifier replaced by `version`, when it is a Lambda function ARN. */
function versionedArn(arn: string | undefined, version: string): string | undefined {
  const parsed = arn ? parseLambdaArn(arn) : undefined;
  if (!arn || !parsed?.account) return undefined;
  const base = parsed.qualifier !== undefined ? arn.slice(0, arn.length - parsed.qualifier.length - 1) : arn;
  return `${base}:${version}`;
}

function failureText(error: unknown, q: VersionQuery): string {
  if (error instanceof AwsError && error.kind === 'notFound') {
    return q.qualifier === LATEST
      ? `Lambda has no function ${q.functionName} in this account and region`
      : `Lambda has no function ${q.functionName} with an alias ${q.qualifier} in this account and region`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[.\s]+$/, '');
}

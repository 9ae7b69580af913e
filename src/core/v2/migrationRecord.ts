// Reads a migration record (`migration.json`, written by `greengrass-ml migrate` beside the migrated components) for
// what the V2 explorer links back to: which V1 ML resource and S3 archive each model component came from.
// Tolerant: a record of another format version, or one that is not JSON, gives nothing rather than an error.

export interface MigratedModel {
  /** The V2 component's name. */
  componentName: string;
  version?: string | undefined;
  /** The V1 resource's Id, and its ARN or URI when the migration recorded it. */
  resourceId: string;
  resourceArn?: string | undefined;
  s3Uri?: string | undefined;
  localArchive?: string | undefined;
  /** The V1 group's name. */
  group?: string | undefined;
}

const MAX_RECORD_CHARS = 4 * 1024 * 1024;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** The model components of a migration record that name the V1 resource they came from. */
export function migratedModels(text: string): MigratedModel[] {
  if (text.length > MAX_RECORD_CHARS) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object') return [];
  const record = doc as { formatVersion?: unknown; source?: { group?: unknown }; components?: unknown };
  if (record.formatVersion !== 1 || !Array.isArray(record.components)) return [];
  const group = str(record.source?.group);
  const out: MigratedModel[] = [];
  for (const c of record.components as unknown[]) {
    if (!c || typeof c !== 'object') continue;
    const entry = c as { name?: unknown; version?: unknown; kind?: unknown; v1?: { kind?: unknown; id?: unknown; arn?: unknown }; model?: { s3Uri?: unknown; localArchive?: unknown } };
    const name = str(entry.name);
    const resourceId = str(entry.v1?.id);
    if (entry.kind !== 'model' || !name || !resourceId) continue;
    out.push({
      componentName: name,
      version: str(entry.version),
      resourceId,
      resourceArn: str(entry.v1?.arn),
      s3Uri: str(entry.model?.s3Uri),
      localArchive: str(entry.model?.localArchive),
      group,
    });
  }
  return out;
}

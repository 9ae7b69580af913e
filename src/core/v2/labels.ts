// What the Greengrass V2 explorer writes on its rows and in its details documents: readable words instead of API
// casing ("In progress", not IN_PROGRESS), the status first, short descriptions that fit the default sidebar.
// Plain code (no vscode), so that the wording is tested on its own.
import type {
  V2ComponentInfo, V2ComponentVersionInfo, V2CoreDeviceInfo, V2DeploymentDetails, V2DeploymentInfo, V2EffectiveDeploymentInfo,
  V2InstalledComponentInfo,
} from './cloudTypes';

export interface RowText {
  label: string;
  description?: string | undefined;
  /** Markdown lines for the tooltip (already escaped). */
  tooltip: string[];
}

/** How a status looks: its icon and colour in the tree. */
export type Tone = 'ok' | 'failed' | 'progress' | 'stopped' | 'neutral';

const WORDS: Record<string, string> = {
  IN_PROGRESS: 'In progress',
  NOT_APPLICABLE: 'Not applicable',
  TIMED_OUT: 'Timed out',
  REJECTED: 'Rejected',
  COMPONENT_UPDATE_ERROR: 'Component update error',
};

/** "IN_PROGRESS" → "In progress", "HEALTHY" → "Healthy"; undefined → "Unknown". */
export function readable(word: string | undefined): string {
  if (!word) return 'Unknown';
  const known = WORDS[word];
  if (known) return known;
  if (!/^[A-Z0-9_]+$/.test(word)) return word;
  const lower = word.toLowerCase().replace(/_/g, ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function tone(status: string | undefined): Tone {
  switch (status) {
    case 'HEALTHY': case 'SUCCEEDED': case 'COMPLETED': case 'DEPLOYABLE': case 'RUNNING': case 'FINISHED': case 'ACTIVE':
      return 'ok';
    case 'UNHEALTHY': case 'FAILED': case 'BROKEN': case 'ERRORED': case 'TIMED_OUT': case 'REJECTED':
      return 'failed';
    case 'IN_PROGRESS': case 'QUEUED': case 'REQUESTED': case 'INITIATED': case 'STARTING': case 'STOPPING': case 'INSTALLED': case 'NEW':
      return 'progress';
    case 'CANCELED': case 'INACTIVE': case 'DEPRECATED':
      return 'stopped';
    default:
      return 'neutral';
  }
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", else the date. */
export function ago(iso: string | undefined, now = Date.now()): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const s = Math.round((now - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 30 * 86_400) return `${Math.floor(s / 86_400)} d ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** Escapes the characters that would turn names and messages into Markdown markup. */
export function escapeMd(text: string | number | boolean | undefined): string {
  return String(text ?? '').replace(/[\\`*_[\]<>|#]/g, '\\$&');
}

/** Escapes what would become markup in the details document; not "_", which CommonMark leaves alone inside words. */
function escapeDoc(text: string | undefined): string {
  return String(text ?? '').replace(/[\\`*[\]<>|]/g, '\\$&');
}

const join = (parts: (string | undefined | false)[]): string | undefined => parts.filter((p): p is string => !!p).join(' · ') || undefined;

/** "arn:aws:iot:…:thinggroup/camera-fleet" → "camera-fleet"; a thing target → "thing-name (device)". */
export function targetName(targetArn: string): string {
  const m = /:(thinggroup|thing)\/(.+)$/.exec(targetArn);
  if (!m) return targetArn;
  return m[1] === 'thing' ? `${m[2]} (device)` : m[2]!;
}

/**
 * The words of a failure reason after its codes: "DEPLOYMENT_FAILURE: IO_ERROR: the device ran out of disk space: x"
 * → "the device ran out of disk space: x" (capitalised). The codes stay in the tooltip and the details.
 */
export function shortReason(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const text = reason.replace(/^(?:[A-Z][A-Z0-9_]+:\s*)+/, '').trim() || reason;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function coreDeviceRow(d: V2CoreDeviceInfo, now = Date.now()): RowText {
  const platform = [d.platform, d.architecture].filter(Boolean).join(' ');
  return {
    label: d.name,
    description: join([readable(d.status), ago(d.lastStatusUpdate, now), platform || undefined]),
    tooltip: [
      `**${escapeMd(d.name)}** · ${escapeMd(readable(d.status))}`,
      d.lastStatusUpdate ? `Last status update: ${escapeMd(d.lastStatusUpdate)}` : 'No status update yet',
      platform ? `Platform: ${escapeMd(platform)}` : '',
      d.runtime ? `Runtime: ${escapeMd(d.runtime)}` : '',
    ].filter(Boolean),
  };
}

export function installedComponentRow(c: V2InstalledComponentInfo, now = Date.now()): RowText {
  return {
    label: c.name,
    description: join([readable(c.lifecycleState), c.version, tone(c.lifecycleState) === 'failed' ? ago(c.lastStatusChange, now) : undefined]),
    tooltip: [
      `**${escapeMd(c.name)}** ${escapeMd(c.version ?? '')}`,
      `State: ${escapeMd(readable(c.lifecycleState))}${c.lastStatusChange ? ` since ${escapeMd(c.lastStatusChange)}` : ''}`,
      c.details ? `Why: ${escapeMd(c.details)}` : '',
      c.statusCodes?.length ? `Codes: ${escapeMd(c.statusCodes.join(', '))}` : '',
      c.installationSource ? `Deployed by: ${escapeMd(targetName(c.installationSource))}` : '',
    ].filter(Boolean),
  };
}

export function effectiveDeploymentRow(e: V2EffectiveDeploymentInfo, now = Date.now()): RowText {
  return {
    label: e.deploymentName || e.deploymentId,
    description: join([readable(e.status), e.targetArn ? targetName(e.targetArn) : undefined, ago(e.modifiedAt ?? e.createdAt, now)]),
    tooltip: [
      `**${escapeMd(e.deploymentName || e.deploymentId)}** · ${escapeMd(readable(e.status))} on this device`,
      e.reason && e.reason !== 'SUCCESSFUL' ? `Why: ${escapeMd(e.reason)}` : '',
      e.errorTypes?.length ? `Error types: ${escapeMd(e.errorTypes.join(', '))}` : '',
      e.targetArn ? `Target: ${escapeMd(e.targetArn)}` : '',
      `Deployment id: ${escapeMd(e.deploymentId)}`,
    ].filter(Boolean),
  };
}

/** A row of the Deployments list: a target and its latest revision's status. */
export function deploymentTargetRow(d: V2DeploymentInfo, now = Date.now()): RowText {
  return {
    label: targetName(d.targetArn),
    description: join([readable(d.status), d.revisionId ? `revision ${d.revisionId}` : undefined, ago(d.createdAt, now)]),
    tooltip: [
      `**${escapeMd(targetName(d.targetArn))}**`,
      `Target: ${escapeMd(d.targetArn)}`,
      `Latest deployment: ${escapeMd(d.deploymentName || d.deploymentId)} · ${escapeMd(readable(d.status))}`,
    ],
  };
}

export function deploymentRevisionRow(d: V2DeploymentInfo, now = Date.now()): RowText {
  return {
    label: d.revisionId ? `Revision ${d.revisionId}` : d.deploymentId,
    description: join([readable(d.status), d.isLatestForTarget ? 'latest' : undefined, d.deploymentName, ago(d.createdAt, now)]),
    tooltip: [
      `**${escapeMd(d.deploymentName || d.deploymentId)}** · ${escapeMd(readable(d.status))}`,
      d.revisionId ? `Revision ${escapeMd(d.revisionId)}${d.isLatestForTarget ? ' (the latest for its target)' : ''}` : '',
      d.createdAt ? `Created: ${escapeMd(d.createdAt)}` : '',
      `Target: ${escapeMd(d.targetArn)}`,
      `Deployment id: ${escapeMd(d.deploymentId)}`,
    ].filter(Boolean),
  };
}

export function componentRow(c: V2ComponentInfo): RowText {
  return {
    label: c.name,
    description: join([c.latestVersion ? `latest ${c.latestVersion}` : undefined, c.description]),
    tooltip: [
      `**${escapeMd(c.name)}**`,
      c.description ? escapeMd(c.description) : '',
      c.latestVersion ? `Latest version: ${escapeMd(c.latestVersion)}` : '',
      c.publisher ? `Publisher: ${escapeMd(c.publisher)}` : '',
      `ARN: ${escapeMd(c.arn)}`,
    ].filter(Boolean),
  };
}

/** A component version: its status first; a FAILED one says why in the description. */
export function componentVersionRow(v: { version: string; arn: string }, info: V2ComponentVersionInfo | undefined, usedBy?: string[]): RowText {
  const reason = info?.state === 'FAILED' ? failedComponentReason(info) : undefined;
  return {
    label: v.version,
    description: join([info ? readable(info.state) : undefined, usedBy?.length ? `used by ${usedBy.join(', ')}` : undefined, reason]),
    tooltip: [
      `**${escapeMd(info?.name ?? '')} ${escapeMd(v.version)}**${info ? ` · ${escapeMd(readable(info.state))}` : ''}`,
      info?.message ? `Why: ${escapeMd(info.message)}` : '',
      ...(info?.errors ?? []).map((e) => `- ${escapeMd(e.subject)}: ${escapeMd(e.message)}`),
      usedBy?.length ? `Used by: ${escapeMd(usedBy.join(', '))}` : '',
      info?.platforms.length ? `Platforms: ${escapeMd(info.platforms.join(', '))}` : '',
      `ARN: ${escapeMd(v.arn)}`,
      'Click to open its recipe (read-only).',
    ].filter(Boolean),
  };
}

/** Why a component version FAILED, in one line: the first artifact's problem, else the status message. */
export function failedComponentReason(info: V2ComponentVersionInfo): string {
  const first = info.errors[0];
  if (first) return first.message;
  return info.message ?? 'AWS gave no reason';
}

/** The text of an empty list (no brackets). */
export function emptyText(noun: string, filter?: string): string {
  return filter ? `No ${noun} match the filter: ${filter}` : `No ${noun}`;
}

export interface DeviceOutcome {
  device: string;
  effective?: V2EffectiveDeploymentInfo | undefined;
}

/**
 * The read-only details document of a deployment (Markdown): what it deploys, and each device's status with the
 * full reason, error stack and error types; the devices that failed first.
 */
export function deploymentDetailsMarkdown(d: V2DeploymentDetails, devices: DeviceOutcome[], complete: boolean): string {
  const failed = devices.filter((x) => tone(x.effective?.status) === 'failed');
  const lines = [
    `# ${escapeDoc(d.deploymentName || d.deploymentId)}`,
    '',
    `**${escapeDoc(readable(d.status))}**${failed.length ? ` · failed on ${failed.length} of ${devices.length} device${devices.length === 1 ? '' : 's'}` : ''}`,
    '',
    `- Target: ${escapeDoc(targetName(d.targetArn))} (\`${d.targetArn}\`)`,
    `- Revision: ${escapeDoc(d.revisionId ?? 'unknown')}${d.isLatestForTarget ? ' (latest)' : ''}`,
    `- Created: ${escapeDoc(d.createdAt ?? 'unknown')}`,
    `- Deployment id: \`${d.deploymentId}\``,
    ...(d.iotJobId ? [`- IoT job: \`${d.iotJobId}\``] : []),
    ...(d.failureHandlingPolicy ? [`- On failure: ${escapeDoc(readable(d.failureHandlingPolicy))}`] : []),
    '',
    '## Components',
    '',
    ...(d.components.length ? d.components.map((c) => `- ${escapeDoc(c.name)} ${escapeDoc(c.version)}`) : ['No components.']),
    '',
    '## Devices',
    '',
  ];
  if (!devices.length) lines.push('No core device of the target has taken this deployment yet.');
  const ordered = [...failed, ...devices.filter((x) => !failed.includes(x))];
  for (const x of ordered) {
    const e = x.effective;
    lines.push(`### ${escapeDoc(x.device)}: ${escapeDoc(e ? readable(e.status) : 'Not taken yet')}`, '');
    if (e?.reason && e.reason !== 'SUCCESSFUL') lines.push(`Why: ${escapeDoc(e.reason)}`, '');
    if (e?.errorStack?.length) lines.push(`- Error stack: ${e.errorStack.map((s) => `\`${s}\``).join(' → ')}`);
    if (e?.errorTypes?.length) lines.push(`- Error types: ${e.errorTypes.map((s) => `\`${s}\``).join(', ')}`);
    if (e?.modifiedAt) lines.push(`- Last change: ${escapeDoc(e.modifiedAt)}`);
    if (tone(e?.status) === 'failed') {
      lines.push(`- On the device: \`/greengrass/v2/logs/greengrass.log\`${e?.errorTypes?.includes('USER_COMPONENT_ERROR') ? ' and each component\'s `/greengrass/v2/logs/<component>.log`' : ''}`);
    }
    lines.push('');
  }
  if (!complete) lines.push('_Only the first devices of the target are listed._', '');
  return lines.join('\n');
}

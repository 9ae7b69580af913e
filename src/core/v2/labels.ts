// What the Greengrass V2 explorer writes on its rows and in its details documents: readable words instead of API
// casing ("In progress", not IN_PROGRESS), the status first, short descriptions that fit the default sidebar.
// Plain code (no vscode), so that the wording is tested on its own.
import * as l10n from '@vscode/l10n';
import { formatDate } from '../locale';
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

/** The words of the statuses, states and policies the V2 API documents; undefined for another value. */
function knownWords(word: string): string | undefined {
  switch (word) {
    case 'IN_PROGRESS': return l10n.t('In progress');
    case 'NOT_APPLICABLE': return l10n.t('Not applicable');
    case 'TIMED_OUT': return l10n.t('Timed out');
    case 'REJECTED': return l10n.t('Rejected');
    case 'COMPONENT_UPDATE_ERROR': return l10n.t('Component update error');
    // Core devices.
    case 'HEALTHY': return l10n.t('Healthy');
    case 'UNHEALTHY': return l10n.t('Unhealthy');
    // Deployments and their outcome on a device.
    case 'ACTIVE': return l10n.t('Active');
    case 'INACTIVE': return l10n.t('Inactive');
    case 'COMPLETED': return l10n.t('Completed');
    case 'CANCELED': return l10n.t('Canceled');
    case 'FAILED': return l10n.t('Failed');
    case 'SUCCEEDED': return l10n.t('Succeeded');
    case 'QUEUED': return l10n.t('Queued');
    // Component versions.
    case 'REQUESTED': return l10n.t('Requested');
    case 'INITIATED': return l10n.t('Initiated');
    case 'DEPLOYABLE': return l10n.t('Deployable');
    case 'DEPRECATED': return l10n.t('Deprecated');
    // Installed components' lifecycle states.
    case 'NEW': return l10n.t('New');
    case 'INSTALLED': return l10n.t('Installed');
    case 'STARTING': return l10n.t('Starting');
    case 'RUNNING': return l10n.t('Running');
    case 'STOPPING': return l10n.t('Stopping');
    case 'ERRORED': return l10n.t('Errored');
    case 'BROKEN': return l10n.t('Broken');
    case 'FINISHED': return l10n.t('Finished');
    // Failure handling policies.
    case 'ROLLBACK': return l10n.t('Rollback');
    case 'DO_NOTHING': return l10n.t('Do nothing');
    default: return undefined;
  }
}

/** "IN_PROGRESS" → "In progress", "HEALTHY" → "Healthy"; undefined → "Unknown"; an undocumented value in words as written. */
export function readable(word: string | undefined): string {
  if (!word) return l10n.t('Unknown');
  const known = knownWords(word);
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

/**
 * "just now", "5 min ago", "3 h ago", "2 d ago", else the date as the user's locale writes it ("27 Nov 2026"): short
 * enough for a row's description. Undefined when there is no time or it is not one.
 */
export function ago(iso: string | undefined, now = Date.now()): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const s = Math.round((now - t) / 1000);
  if (s < 60) return l10n.t('just now');
  if (s < 3600) return l10n.t('{0} min ago', Math.floor(s / 60));
  if (s < 86_400) return l10n.t('{0} h ago', Math.floor(s / 3600));
  if (s < 30 * 86_400) return l10n.t('{0} d ago', Math.floor(s / 86_400));
  return formatDate(new Date(t), { year: 'numeric', month: 'short', day: 'numeric' });
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
  return m[1] === 'thing' ? l10n.t('{0} (device)', m[2]!) : m[2]!;
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
      d.lastStatusUpdate ? l10n.t('Last status update: {0}', escapeMd(d.lastStatusUpdate)) : l10n.t('No status update yet'),
      platform ? l10n.t('Platform: {0}', escapeMd(platform)) : '',
      d.runtime ? l10n.t('Runtime: {0}', escapeMd(d.runtime)) : '',
    ].filter(Boolean),
  };
}

export function installedComponentRow(c: V2InstalledComponentInfo, now = Date.now()): RowText {
  return {
    label: c.name,
    description: join([readable(c.lifecycleState), c.version, tone(c.lifecycleState) === 'failed' ? ago(c.lastStatusChange, now) : undefined]),
    tooltip: [
      `**${escapeMd(c.name)}** ${escapeMd(c.version ?? '')}`,
      c.lastStatusChange
        ? l10n.t('State: {0} since {1}', escapeMd(readable(c.lifecycleState)), escapeMd(c.lastStatusChange))
        : l10n.t('State: {0}', escapeMd(readable(c.lifecycleState))),
      c.details ? l10n.t('Why: {0}', escapeMd(c.details)) : '',
      c.statusCodes?.length ? l10n.t('Codes: {0}', escapeMd(c.statusCodes.join(', '))) : '',
      c.installationSource ? l10n.t('Deployed by: {0}', escapeMd(targetName(c.installationSource))) : '',
    ].filter(Boolean),
  };
}

export function effectiveDeploymentRow(e: V2EffectiveDeploymentInfo, now = Date.now()): RowText {
  return {
    label: e.deploymentName || e.deploymentId,
    description: join([readable(e.status), e.targetArn ? targetName(e.targetArn) : undefined, ago(e.modifiedAt ?? e.createdAt, now)]),
    tooltip: [
      l10n.t('**{0}** · {1} on this device', escapeMd(e.deploymentName || e.deploymentId), escapeMd(readable(e.status))),
      e.reason && e.reason !== 'SUCCESSFUL' ? l10n.t('Why: {0}', escapeMd(e.reason)) : '',
      e.errorTypes?.length ? l10n.t('Error types: {0}', escapeMd(e.errorTypes.join(', '))) : '',
      e.targetArn ? l10n.t('Target: {0}', escapeMd(e.targetArn)) : '',
      l10n.t('Deployment id: {0}', escapeMd(e.deploymentId)),
    ].filter(Boolean),
  };
}

/** A row of the Deployments list: a target and its latest revision's status. */
export function deploymentTargetRow(d: V2DeploymentInfo, now = Date.now()): RowText {
  return {
    label: targetName(d.targetArn),
    description: join([readable(d.status), d.revisionId ? l10n.t('revision {0}', d.revisionId) : undefined, ago(d.createdAt, now)]),
    tooltip: [
      `**${escapeMd(targetName(d.targetArn))}**`,
      l10n.t('Target: {0}', escapeMd(d.targetArn)),
      l10n.t('Latest deployment: {0} · {1}', escapeMd(d.deploymentName || d.deploymentId), escapeMd(readable(d.status))),
    ],
  };
}

export function deploymentRevisionRow(d: V2DeploymentInfo, now = Date.now()): RowText {
  return {
    label: d.revisionId ? l10n.t('Revision {0}', d.revisionId) : d.deploymentId,
    description: join([readable(d.status), d.isLatestForTarget ? l10n.t('latest') : undefined, d.deploymentName, ago(d.createdAt, now)]),
    tooltip: [
      `**${escapeMd(d.deploymentName || d.deploymentId)}** · ${escapeMd(readable(d.status))}`,
      !d.revisionId ? '' : d.isLatestForTarget
        ? l10n.t('Revision {0} (the latest for its target)', escapeMd(d.revisionId))
        : l10n.t('Revision {0}', escapeMd(d.revisionId)),
      d.createdAt ? l10n.t('Created: {0}', escapeMd(d.createdAt)) : '',
      l10n.t('Target: {0}', escapeMd(d.targetArn)),
      l10n.t('Deployment id: {0}', escapeMd(d.deploymentId)),
    ].filter(Boolean),
  };
}

export function componentRow(c: V2ComponentInfo): RowText {
  return {
    label: c.name,
    description: join([c.latestVersion ? l10n.t('latest {0}', c.latestVersion) : undefined, c.description]),
    tooltip: [
      `**${escapeMd(c.name)}**`,
      c.description ? escapeMd(c.description) : '',
      c.latestVersion ? l10n.t('Latest version: {0}', escapeMd(c.latestVersion)) : '',
      c.publisher ? l10n.t('Publisher: {0}', escapeMd(c.publisher)) : '',
      l10n.t('ARN: {0}', escapeMd(c.arn)),
    ].filter(Boolean),
  };
}

/** A component version: its status first; a FAILED one says why in the description. */
export function componentVersionRow(v: { version: string; arn: string }, info: V2ComponentVersionInfo | undefined, usedBy?: string[]): RowText {
  const reason = info?.state === 'FAILED' ? failedComponentReason(info) : undefined;
  return {
    label: v.version,
    description: join([info ? readable(info.state) : undefined, usedBy?.length ? l10n.t('used by {0}', usedBy.join(', ')) : undefined, reason]),
    tooltip: [
      `**${escapeMd(info?.name ?? '')} ${escapeMd(v.version)}**${info ? ` · ${escapeMd(readable(info.state))}` : ''}`,
      info?.message ? l10n.t('Why: {0}', escapeMd(info.message)) : '',
      ...(info?.errors ?? []).map((e) => `- ${escapeMd(e.subject)}: ${escapeMd(e.message)}`),
      usedBy?.length ? l10n.t('Used by: {0}', escapeMd(usedBy.join(', '))) : '',
      info?.platforms.length ? l10n.t('Platforms: {0}', escapeMd(info.platforms.join(', '))) : '',
      l10n.t('ARN: {0}', escapeMd(v.arn)),
      l10n.t('Click to open its recipe (read-only).'),
    ].filter(Boolean),
  };
}

/** Why a component version FAILED, in one line: the first artifact's problem, else the status message. */
export function failedComponentReason(info: V2ComponentVersionInfo): string {
  const first = info.errors[0];
  if (first) return first.message;
  return info.message ?? noReason();
}

/** What a failure row says when AWS gave no reason. */
export function noReason(): string {
  return l10n.t('AWS gave no reason');
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
  const status = escapeDoc(readable(d.status));
  const code = (text: string): string => `\`${text}\``;
  const lines = [
    `# ${escapeDoc(d.deploymentName || d.deploymentId)}`,
    '',
    !failed.length ? `**${status}**` : devices.length === 1
      ? l10n.t('**{0}** · failed on {1} of {2} device', status, failed.length, devices.length)
      : l10n.t('**{0}** · failed on {1} of {2} devices', status, failed.length, devices.length),
    '',
    `- ${l10n.t('Target: {0} ({1})', escapeDoc(targetName(d.targetArn)), code(d.targetArn))}`,
    `- ${d.isLatestForTarget ? l10n.t('Revision: {0} (latest)', escapeDoc(d.revisionId ?? l10n.t('unknown'))) : l10n.t('Revision: {0}', escapeDoc(d.revisionId ?? l10n.t('unknown')))}`,
    `- ${l10n.t('Created: {0}', escapeDoc(d.createdAt ?? l10n.t('unknown')))}`,
    `- ${l10n.t('Deployment id: {0}', code(d.deploymentId))}`,
    ...(d.iotJobId ? [`- ${l10n.t('IoT job: {0}', code(d.iotJobId))}`] : []),
    ...(d.failureHandlingPolicy ? [`- ${l10n.t('On failure: {0}', escapeDoc(readable(d.failureHandlingPolicy)))}`] : []),
    '',
    `## ${l10n.t('Components')}`,
    '',
    ...(d.components.length ? d.components.map((c) => `- ${escapeDoc(c.name)} ${escapeDoc(c.version)}`) : [l10n.t('No components.')]),
    '',
    `## ${l10n.t('Devices')}`,
    '',
  ];
  if (!devices.length) lines.push(l10n.t('No core device of the target has taken this deployment yet.'));
  const ordered = [...failed, ...devices.filter((x) => !failed.includes(x))];
  for (const x of ordered) {
    const e = x.effective;
    lines.push(`### ${escapeDoc(x.device)}: ${escapeDoc(e ? readable(e.status) : l10n.t('Not taken yet'))}`, '');
    if (e?.reason && e.reason !== 'SUCCESSFUL') lines.push(l10n.t('Why: {0}', escapeDoc(e.reason)), '');
    if (e?.errorStack?.length) lines.push(`- ${l10n.t('Error stack: {0}', e.errorStack.map(code).join(' → '))}`);
    if (e?.errorTypes?.length) lines.push(`- ${l10n.t('Error types: {0}', e.errorTypes.map(code).join(', '))}`);
    if (e?.modifiedAt) lines.push(`- ${l10n.t('Last change: {0}', escapeDoc(e.modifiedAt))}`);
    if (tone(e?.status) === 'failed') {
      const log = code('/greengrass/v2/logs/greengrass.log');
      lines.push(`- ${e?.errorTypes?.includes('USER_COMPONENT_ERROR')
        ? l10n.t('On the device: {0} and each component\'s {1}', log, code('/greengrass/v2/logs/<component>.log'))
        : l10n.t('On the device: {0}', log)}`);
    }
    lines.push('');
  }
  if (!complete) lines.push(`_${l10n.t('Only the first devices of the target are listed.')}_`, '');
  return lines.join('\n');
}

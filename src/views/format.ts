import * as vscode from 'vscode';
import { formatDate } from '../core/locale';
import { lambdaQualifiedName } from '../core/model';

export { formatBytes } from '../core/model';

/**
 * A timestamp as the display language writes it ("27 Nov 2026, 12:41"), to the second when asked (rows created within
 * the same minute then read apart); the input text when it is not a date.
 */
export function formatTime(iso: string | undefined, toSecond = false): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatDate(date, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...(toSecond ? { second: '2-digit' } : {}) });
}

export function timeValue(iso: string | undefined): number {
  const t = iso ? new Date(iso).getTime() : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** "arn:aws:iot:…:thing/name" → "name"; Lambda ARNs → "function:alias". */
export function shortArn(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const lambda = lambdaQualifiedName(arn);
  if (lambda) return lambda;
  const slash = arn.lastIndexOf('/');
  if (slash >= 0 && slash < arn.length - 1) return arn.slice(slash + 1);
  return arn;
}

/** The words of the V1 deployment and training job statuses the API documents; undefined for another value. */
function knownStatusWords(status: string): string | undefined {
  switch (status) {
    case 'Building': return vscode.l10n.t('Building');
    case 'InProgress': return vscode.l10n.t('In progress');
    case 'Success': return vscode.l10n.t('Succeeded');
    case 'Failure': return vscode.l10n.t('Failed');
    case 'Completed': return vscode.l10n.t('Completed');
    case 'Failed': return vscode.l10n.t('Failed');
    case 'Stopping': return vscode.l10n.t('Stopping');
    case 'Stopped': return vscode.l10n.t('Stopped');
    default: return undefined;
  }
}

/** A deployment (or training job) status in words: "In progress", "Failed"; an unknown one as the API has it. */
export function statusWords(status: string | undefined): string | undefined {
  if (!status) return undefined;
  return knownStatusWords(status) ?? status.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ ([A-Z])/g, (_, c: string) => ` ${c.toLowerCase()}`);
}

/** "New deployment", "Redeployment", "Reset", "Forced reset"; an unknown type as the API has it. */
export function deploymentTypeWords(type: string | undefined): string | undefined {
  switch (type) {
    case undefined: case '': return undefined;
    case 'NewDeployment': return vscode.l10n.t('New deployment');
    case 'Redeployment': return vscode.l10n.t('Redeployment');
    case 'ResetDeployment': return vscode.l10n.t('Reset');
    case 'ForceResetDeployment': return vscode.l10n.t('Forced reset');
    default: return type;
  }
}

/** "No container" / "Container" (the isolation mode). */
export function isolationWords(mode: string | undefined): string {
  return mode === 'NoContainer' ? vscode.l10n.t('No container') : vscode.l10n.t('Container');
}

/** The icon of a deployment (or training job) status: pass, error, or spinning while in progress. */
export function statusIcon(status: string | undefined): vscode.ThemeIcon {
  switch (status) {
    case 'Success':
    case 'Completed':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'Failure':
    case 'Failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'Building':
    case 'InProgress':
    case 'Stopping':
      return new vscode.ThemeIcon('sync~spin');
    case 'Stopped':
      return new vscode.ThemeIcon('debug-stop');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

export function md(lines: (string | undefined | false)[]): vscode.MarkdownString {
  const text = new vscode.MarkdownString(lines.filter((l): l is string => typeof l === 'string').join('\n\n'));
  text.supportThemeIcons = true;
  return text;
}

/** Escapes the characters that would turn names and ARNs into Markdown markup in a tooltip. */
export function esc(text: string | number | boolean | undefined): string {
  return String(text ?? '').replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/** Runs `fn` over items with at most `limit` at a time; failures are passed to `onError` and never thrown. */
export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, onError: (item: T, error: unknown) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        onError(item, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

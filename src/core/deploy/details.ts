// A V1 deployment's details as Markdown: status, type, times, the error message and every error detail, with links
// to the entries of the workspace's group files each detail names and where the core logs what happened.
import * as l10n from '@vscode/l10n';
import { parseLambdaArn } from '../model';

/** Where the Greengrass V1 core writes its own log (deployments, function start-up). */
export const CORE_RUNTIME_LOG = '/greengrass/ggc/var/log/system/runtime.log';

/** Where the core writes a Lambda function's log: /greengrass/ggc/var/log/user/<region>/<account>/<function>.log. */
export function functionLogPath(functionArn: string): string | undefined {
  const arn = parseLambdaArn(functionArn);
  if (!arn || !arn.region || !arn.account) return undefined;
  return `/greengrass/ggc/var/log/user/${arn.region}/${arn.account}/${arn.name}.log`;
}

export interface DeploymentDetailsInput {
  groupName: string;
  groupId: string;
  deployment: {
    id: string;
    arn?: string | undefined;
    status?: string | undefined;
    type?: string | undefined;
    createdAt?: string | undefined;
    updatedAt?: string | undefined;
    groupVersionId?: string | undefined;
    errorMessage?: string | undefined;
    errorDetails?: readonly { code?: string | undefined; message?: string | undefined }[] | undefined;
    /** Why the status could not be read. */
    statusError?: string | undefined;
  };
  /** The functions of the deployed group version (Greengrass Id and Lambda ARN), for their log paths. */
  functions: readonly { id: string; arn: string }[];
  /** The entries of the workspace's group files that a text names (the link's label, its target, what it is). */
  locate(text: string): readonly { label: string; href: string; what: string; name: string }[];
  /** The workspace folder of the group (relative), when one was found. */
  groupFolder?: string | undefined;
  /** Why the functions of the deployed version are not listed, when they could not be read. */
  functionsError?: string | undefined;
  /** Words for the API's values: status, deployment type, time. */
  words: { status(s: string | undefined): string | undefined; type(t: string | undefined): string | undefined; time(iso: string | undefined): string | undefined };
}

/** Markdown table cells and inline text: no pipes, no line breaks, no markup from names or messages. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function withApiValue(words: string | undefined, api: string | undefined): string {
  if (!api) return l10n.t('unknown');
  return words && words !== api ? `${words} (${api})` : api;
}

/** True when `text` names the function (its ARN, its Lambda name or its Greengrass Id) as a whole word. */
function names(text: string, fn: { id: string; arn: string }): boolean {
  const lambda = parseLambdaArn(fn.arn);
  const candidates = [fn.arn, fn.id, lambda?.name].filter((c): c is string => !!c && c.length >= 2);
  return candidates.some((c) => new RegExp(`(^|[^A-Za-z0-9_-])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text));
}

export function deploymentDetailsMarkdown(input: DeploymentDetailsInput): string {
  const { deployment: d, words } = input;
  const out: string[] = [];
  const row = (name: string, value: string): string => `| ${cell(name)} | ${value} |`;
  out.push(`# ${l10n.t('Deployment of {0}', cell(input.groupName))}`, '');
  out.push('| | |', '|---|---|');
  out.push(row(l10n.t('Status'), cell(withApiValue(words.status(d.status), d.status))));
  out.push(row(l10n.t('Type'), cell(withApiValue(words.type(d.type), d.type))));
  out.push(row(l10n.t('Created'), cell(words.time(d.createdAt) ?? l10n.t('unknown'))));
  out.push(row(l10n.t('Updated'), cell(words.time(d.updatedAt) ?? l10n.t('unknown'))));
  out.push(row(l10n.t('Deployment'), cell(d.id)));
  out.push(row(l10n.t('Group'), `${cell(input.groupName)} (${cell(input.groupId)})`));
  if (d.groupVersionId) out.push(row(l10n.t('Group version'), cell(d.groupVersionId)));
  if (input.groupFolder) out.push(row(l10n.t('Workspace folder'), cell(input.groupFolder)));
  out.push('');
  if (d.statusError) out.push(l10n.t('The status could not be read: {0}', cell(d.statusError)), '');

  const details = d.errorDetails ?? [];
  const named = new Set<string>();
  if (d.errorMessage || details.length) {
    out.push(`## ${l10n.t('Error')}`, '');
    if (d.errorMessage) out.push(cell(d.errorMessage), '');
    if (details.length) {
      out.push(`### ${l10n.t('Error details ({0})', details.length)}`, '');
      details.forEach((e, i) => {
        const text = [e.code, e.message].filter(Boolean).join(': ');
        out.push(`${i + 1}. **${cell(e.code ?? l10n.t('Error'))}**: ${cell(e.message ?? '')}`);
        for (const loc of input.locate(text)) {
          out.push(`   - ${l10n.t('Names {0} {1} in {2}', cell(loc.what), `\`${cell(loc.name)}\``, `[${cell(loc.label)}](${loc.href})`)}`);
        }
        for (const fn of input.functions) if (names(text, fn)) named.add(fn.arn);
      });
      out.push('');
    }
    if (d.errorMessage) for (const fn of input.functions) if (names(d.errorMessage, fn)) named.add(fn.arn);
  } else if (d.status === 'Failure') {
    out.push(`## ${l10n.t('Error')}`, '', l10n.t('The deployment failed without an error message; the core\'s runtime log says why.'), '');
  }

  out.push(`## ${l10n.t('Where the core logs it')}`, '');
  out.push(`- ${l10n.t('The core\'s runtime log (deployments, function start-up): {0}', `\`${CORE_RUNTIME_LOG}\``)}`);
  // The functions an error names; without one, every function of the deployed version.
  const logged = named.size ? input.functions.filter((f) => named.has(f.arn)) : input.functions;
  for (const fn of logged) {
    const path = functionLogPath(fn.arn);
    if (!path) continue;
    const id = `\`${cell(fn.id)}\``;
    out.push(`- ${named.has(fn.arn) ? l10n.t('Function {0} (named in the error): {1}', id, `\`${path}\``) : l10n.t('Function {0}: {1}', id, `\`${path}\``)}`);
  }
  if (input.functionsError) out.push(`- ${l10n.t('The deployed version\'s functions could not be read, so their logs are not listed: {0}', cell(input.functionsError))}`);
  out.push('', l10n.t('On the core, `sudo tail -F` the log while you deploy again to watch what happens.'), '');
  return out.join('\n');
}

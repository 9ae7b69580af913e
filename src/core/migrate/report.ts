// migration-report.md: what the migration carried over and how, blockers first, each element with its status and
// the V2 documentation; every generated file listed. Written for review before anything touches the cloud.
import { LineIndex } from '../model';
import type { MigrationElement, MigrationPlan } from './plan';
import { THING_GROUP_PLACEHOLDER } from './v2';

export const REPORT_FILE = 'migration-report.md';

/** Table cells: one line, no pipe that would split the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export interface ReportOptions {
  /** The text of each source file an element points at, to give line numbers ("function-definition.json:12"). */
  sourceText?: (file: string) => string | undefined;
  /** How to print a source file's name (relative to the migration folder). */
  displayPath?: (file: string) => string;
}

function where(e: MigrationElement, options: ReportOptions): string {
  if (e.handler) return `${e.handler.path}:${e.handler.line + 1}`;
  if (!e.at) return '';
  const name = options.displayPath ? options.displayPath(e.at.file) : e.at.file;
  const text = options.sourceText?.(e.at.file);
  return text !== undefined ? `${name}:${new LineIndex(text).position(e.at.offset).line + 1}` : name;
}

function row(e: MigrationElement, options: ReportOptions): string {
  const docs = e.docs.map((d) => `[${d.replace(/^.*\/([^/]+?)(\.html)?$/, '$1')}](${d})`).join(' ');
  return `| ${cell(e.v1)} | ${cell(where(e, options))} | ${cell(e.v2)} | **${e.status}** | ${cell(e.detail)} | ${docs} |`;
}

export function migrationReport(plan: MigrationPlan, options: ReportOptions = {}): string {
  const { record } = plan;
  const out: string[] = [];
  out.push(`# Greengrass V2 migration of group ${record.source.group}`, '');
  out.push(`Source: ${record.source.kind === 'template' ? 'template' : 'group folder'} \`${record.source.path}\`.`, '');
  const counts = new Map<string, number>();
  for (const e of plan.elements) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  out.push(plan.blockers
    ? `**${plan.blockers} blocker${plan.blockers === 1 ? '' : 's'}**: the group does not run on Greengrass V2 as generated until each is resolved (listed first).`
    : 'No blockers: the generated files carry the group over as it is, once the thing group is chosen.', '');
  out.push(`Elements: ${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}.`, '');
  out.push(`The deployment targets \`${THING_GROUP_PLACEHOLDER}\` until you choose the thing group (Greengrass ML: Deploy to Thing Group, or edit \`deployment.json\`).`, '');
  const header = ['| V1 element | Where | V2 | Status | What and why | Docs |', '|---|---|---|---|---|---|'];
  const blockers = plan.elements.filter((e) => e.blocker);
  if (blockers.length) {
    out.push('## Blockers', '', ...header, ...blockers.map((e) => row(e, options)), '');
  }
  out.push('## Every element', '', ...header, ...plan.elements.filter((e) => !e.blocker).map((e) => row(e, options)), '');
  out.push('## Files', '');
  for (const c of record.components) {
    out.push(`- \`${c.file}\`: ${c.kind === 'lambda' ? 'CreateComponentVersion request' : 'recipe'} of ${c.name} ${c.version} (V1 ${c.v1.kind} ${c.v1.id})${c.model?.localArchive ? `; archive \`${c.model.localArchive}\` to upload to ${c.model.s3Uri}` : c.model ? `; artifact ${c.model.s3Uri}` : ''}${c.handler ? `; handler \`${c.handler}\`` : ''}`);
  }
  out.push('- `deployment.json`: CreateDeployment request with every component and its configuration', '- `migration.json`: the machine-readable record of this migration', '');
  return `${out.join('\n')}\n`;
}

// What a rule sees: the document, its group, and a way to report a finding with fixes.
import type { Group, GroupDocument } from './group';
import { scopedSetEdits } from './json';
import type { JSONPath, Node } from './json';
import type { DocumentKind, Finding, Fix, RelatedLocation, TextEdit } from './types';

export class LintContext {
  readonly findings: Finding[] = [];
  constructor(
    readonly doc: GroupDocument,
    readonly kind: DocumentKind,
    readonly group: Group,
    readonly severityOf: (code: string) => Finding['severity'] | 'off',
  ) {}

  get path(): string {
    return this.doc.path;
  }
  get text(): string {
    return this.doc.text;
  }
  get root(): Node | undefined {
    return this.doc.root;
  }

  /** False when the rule is turned off, so rules can skip work. */
  enabled(code: string): boolean {
    return this.severityOf(code) !== 'off';
  }

  report(
    code: string,
    where: Node | { offset: number; length: number } | undefined,
    message: string,
    extra: { fixes?: (() => Fix | undefined)[]; related?: RelatedLocation[]; tags?: Finding['tags'] } = {},
  ): void {
    const severity = this.severityOf(code);
    if (severity === 'off') return;
    const offset = where ? where.offset : 0;
    const length = where ? where.length : 0;
    const finding: Finding = { code, severity, message, path: this.path, offset, length };
    if (extra.fixes?.length && this.doc.clean) {
      const fixes: Fix[] = [];
      for (const make of extra.fixes) {
        try {
          const fix = make();
          if (fix && fix.edits.some((e) => e.edits.length > 0)) fixes.push(fix);
        } catch {
          // A fix that cannot be computed is not offered.
        }
      }
      if (fixes.length) finding.fixes = fixes;
    }
    if (extra.related?.length) finding.related = extra.related;
    if (extra.tags?.length) finding.tags = extra.tags;
    this.findings.push(finding);
  }

  /** A fix that sets (or, with undefined, removes) the value at a JSON path of this document. */
  setFix(title: string, path: JSONPath, value: unknown, options: { isArrayInsertion?: boolean; preferred?: boolean } = {}): Fix {
    return this.fileFix(title, this.path, scopedSetEdits(this.text, this.root, path, value, options.isArrayInsertion), options.preferred);
  }

  /** A fix from a list of edits to one file. */
  fileFix(title: string, path: string, edits: TextEdit[], preferred = true): Fix {
    return { title, edits: [{ path, edits }], isPreferred: preferred };
  }

  related(doc: GroupDocument, node: Node | undefined, message: string): RelatedLocation[] {
    if (!node) return [];
    return [{ path: doc.path, offset: node.offset, length: node.length, message }];
  }
}

export type Rule = (ctx: LintContext) => void;

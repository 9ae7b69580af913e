// What a rule sees: the document, its group, and a way to report a finding with fixes.
import * as l10n from '@vscode/l10n';
import { elide } from '../messageText';
import type { Group, GroupDocument } from './group';
import { scopedSetEdits } from './json';
import { replaceValue } from './rules/util';
import type { JSONPath, Node } from './json';
import type { DocumentKind, Finding, Fix, RelatedLocation, TextEdit } from './types';

const LAZY = new WeakSet<Fix>();

/** A group file a note points at as a whole (not at a place in it). */
export type PartnerFile = 'iamPolicy' | 'resourceDefinition';
const PARTNER_NOTES = new WeakMap<RelatedLocation, PartnerFile>();

/** Which group file a related note names as a whole, if it is such a note (the template linter points it at the resource). */
export function partnerFileOf(note: RelatedLocation): PartnerFile | undefined {
  return PARTNER_NOTES.get(note);
}

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
    const finding: Finding = { code, severity, message: elide(message), path: this.path, offset, length };
    if (extra.fixes?.length && this.doc.fixable) {
      const fixes: Fix[] = [];
      for (const make of extra.fixes) {
        try {
          const fix = make();
          if (fix && (LAZY.has(fix) || fix.edits.some((e) => e.edits.length > 0))) fixes.push(fix);
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
    // The edits are computed when first read: a large definition can carry thousands of findings whose fixes are
    // never applied, and each one re-parses part of the text. Reading `edits` (or serializing the fix) computes them.
    const { text, root, path: file } = this;
    // JSON edits would corrupt a YAML document: no such fix is offered there (replaceFix keeps to its scalars).
    if (this.doc.yaml) return { title, edits: [{ path: file, edits: [] }] };
    let edits: Fix['edits'] | undefined;
    const fix = {
      title,
      isPreferred: options.preferred ?? true,
      get edits(): Fix['edits'] {
        if (!edits) {
          let list: TextEdit[] = [];
          try {
            list = scopedSetEdits(text, root, path, value, options.isArrayInsertion);
          } catch {
            // Offered fixes never throw when read; a fix that cannot be computed changes nothing.
          }
          edits = [{ path: file, edits: list }];
        }
        return edits;
      },
    };
    LAZY.add(fix);
    return fix;
  }

  /**
   * A fix that replaces a scalar value by a string, in JSON or YAML (a JSON string is a YAML double-quoted scalar);
   * in YAML only a scalar written in place, never one reached through an alias.
   */
  replaceFix(title: string, node: Node, value: string, preferred = true): Fix {
    const yaml = this.doc.yaml;
    const allowed = node.type !== 'object' && node.type !== 'array' && (!yaml || yaml.literals.has(`${node.offset}:${node.length}`));
    return this.fileFix(title, this.path, allowed ? [replaceValue(node, value)] : [], preferred);
  }

  /** A fix from a list of edits to one file. */
  fileFix(title: string, path: string, edits: TextEdit[], preferred = true): Fix {
    return { title, edits: [{ path, edits }], isPreferred: preferred };
  }

  /** A related note that names the group's service role policy or resource definition as a whole. */
  partnerFile(doc: GroupDocument, kind: PartnerFile): RelatedLocation[] {
    const note: RelatedLocation = {
      path: doc.path, offset: 0, length: 0,
      message: kind === 'iamPolicy' ? l10n.t('The group\'s service role policy') : l10n.t('The group\'s resource definition'),
    };
    PARTNER_NOTES.set(note, kind);
    return [note];
  }

  related(doc: GroupDocument, node: Node | undefined, message: string): RelatedLocation[] {
    if (!node) return [];
    return [{ path: doc.path, offset: node.offset, length: node.length, message }];
  }
}

export type Rule = (ctx: LintContext) => void;

// Template variants of the lint engine's rule fixtures: a fixture group (manifest, definitions, service role policy)
// written as one CloudFormation template in YAML or JSON, the way projects keep their groups, so every rule is
// exercised on templates without hand-copying each fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNodeValue, parseTree } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { stringify } from 'yaml';
import { DEFINITION_KINDS, definitionBody, detectKind, lintDocument } from '../../../src/core/lint';
import type { DocumentKind, Finding, LintOptions } from '../../../src/core/lint';
import type { Files } from '../lint/support';
import { repoRoot } from '../lint/support';

export const templatesRoot = join(repoRoot, 'test', 'fixtures', 'templates');

export function readTemplate(name: string): string {
  return readFileSync(join(templatesRoot, name), 'utf8');
}

export const strict: LintOptions = { throwInternalErrors: true };

export function lintText(path: string, text: string, options: LintOptions = strict): Finding[] {
  return lintDocument({ path, text }, { readFile: () => undefined }, options);
}

/** `code → the texts the findings of that code cover`, for readable assertions. */
export function covered(text: string, findings: readonly Finding[], code: string): string[] {
  return findings.filter((f) => f.code === code).map((f) => text.slice(f.offset, f.offset + f.length));
}

const STEM: Partial<Record<DocumentKind, string>> = {
  coreDefinition: 'Core',
  functionDefinition: 'Function',
  resourceDefinition: 'Resource',
  subscriptionDefinition: 'Subscription',
  deviceDefinition: 'Device',
};

function valueOf(text: string): unknown {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree || errors.length) return undefined;
  return getNodeValue(tree) as unknown;
}

/** A fixture group as a template, or undefined when its files do not make one (a manifest-only or broken fixture). */
export function groupAsTemplate(files: Files, format: 'yaml' | 'json'): string | undefined {
  let manifest: Record<string, unknown> | undefined;
  const parts = new Map<DocumentKind, Record<string, unknown>>();
  let policy: unknown;
  for (const [path, text] of files) {
    const kind = detectKind(path, text);
    const value = valueOf(text);
    if (value === undefined) return undefined;
    if (kind === 'manifest') manifest = value as Record<string, unknown>;
    else if (kind === 'iamPolicy') policy = value;
    else if (STEM[kind]) {
      const errors: ParseError[] = [];
      const body = definitionBody(parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }), kind);
      if (!body) return undefined;
      const list = { ...(getNodeValue(body) as Record<string, unknown>) };
      for (const d of DEFINITION_KINDS) delete list[d.idKey];
      delete list.Name;
      parts.set(kind, list);
    }
  }
  if (parts.size === 0) return undefined;
  const gettAtt = (id: string, attr: string): unknown => (format === 'json' ? { 'Fn::GetAtt': [id, attr] } : `GETATT_${id}_${attr}`);
  const resources: Record<string, unknown> = {};
  const wiring: Record<string, unknown> = {};
  for (const [kind, body] of parts) {
    const id = `${STEM[kind]!}Definition`;
    resources[id] = { Type: `AWS::Greengrass::${id}`, Properties: { Name: id.toLowerCase(), InitialVersion: body } };
    wiring[`${STEM[kind]!}DefinitionVersionArn`] = gettAtt(id, 'LatestVersionArn');
  }
  if (policy !== undefined) {
    resources.GreengrassServiceRole = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'greengrass.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'model-access', PolicyDocument: policy }],
      },
    };
  }
  resources.Group = {
    Type: 'AWS::Greengrass::Group',
    Properties: { Name: 'group', ...(policy !== undefined ? { RoleArn: gettAtt('GreengrassServiceRole', 'Arn') } : {}), InitialVersion: wiring },
  };
  const meta: Record<string, unknown> = {};
  for (const key of ['region', 'coreVersion', 'platforms', 'functions']) if (manifest?.[key] !== undefined) meta[key] = manifest[key];
  const template = { AWSTemplateFormatVersion: '2010-09-09', Metadata: { 'greengrass-ml': meta }, Resources: resources };
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  return stringify(template, { lineWidth: 0 }).replace(/GETATT_(\w+?)_(LatestVersionArn|Arn)\b/g, '!GetAtt $1.$2');
}

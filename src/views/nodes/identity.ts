import type { DefinitionRef } from '../../aws/types';

/** Nodes that stand for something with an ARN and an id (Copy ARN, Copy Id). */
export interface Identifiable {
  arn(): string | undefined;
  resourceId(): string | undefined;
}

/** Nodes from which a definition version can be opened as JSON. */
export interface DefinitionSource {
  /** The definitions of the version (for a quick pick) or one definition. */
  definitions(): Promise<DefinitionRef[]>;
  /** The group's name, for the document's path. */
  readonly groupName: string;
}

export function isIdentifiable(node: unknown): node is Identifiable {
  return typeof (node as Identifiable | undefined)?.arn === 'function';
}

export function isDefinitionSource(node: unknown): node is DefinitionSource {
  return typeof (node as DefinitionSource | undefined)?.definitions === 'function';
}


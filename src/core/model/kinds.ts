// The one vocabulary of Greengrass V1 definition kinds, and every per-kind name the project needs: the API's list
// and id properties, the file-name convention, the manifest's keys, ARNs and group version fields, and words.
// A kind is spelt as the Greengrass API's resource type ('function', 'resource', …); the other spellings
// ('functions' in greengrass-ml.json, 'functionDefinition' as a document kind) are properties of a kind here.
import * as l10n from '@vscode/l10n';

export type DefinitionKind = 'core' | 'function' | 'resource' | 'subscription' | 'device' | 'logger' | 'connector';

/** The kinds a group folder holds as files (greengrass-ml.json's `definitions` keys); loggers and connectors are not edited here. */
export type FileDefinitionKind = 'core' | 'function' | 'resource' | 'subscription' | 'device';

/** The key of greengrass-ml.json's `definitions` and `cloud` objects that names a kind's file. */
export type ManifestDefinitionKey = 'core' | 'functions' | 'resources' | 'subscriptions' | 'devices';

/** The document kind the linter gives a file of a definition kind. */
export type DefinitionDocumentKind = 'coreDefinition' | 'functionDefinition' | 'resourceDefinition' | 'subscriptionDefinition' | 'deviceDefinition';

export interface DefinitionKindInfo {
  kind: DefinitionKind;
  /** The version's list property ('Functions'). */
  list: string;
  /** Properties of a version besides the list. */
  extra: readonly string[];
  /** The id property of `create-*-definition-version` input ('FunctionDefinitionId'). */
  idKey: string;
  /** The plural path segment in the kind's ARNs (`…/definition/functions/<id>`). */
  arnSegment: string;
  /** CreateGroupVersion's property for the version ARN. */
  groupVersionKey: string;
  /** The API's name of the definition, as in its operations (Create<apiName>, Get<apiName>Version). */
  apiName: string;
  /** Words for messages ('function definition'). */
  label: string;
  /** Words for a title ('Function definition'), in the user's language (read when shown, not kept). */
  readonly title: string;
}

export interface FileDefinitionKindInfo extends DefinitionKindInfo {
  kind: FileDefinitionKind;
  manifestKey: ManifestDefinitionKey;
  /** The manifest's `cloud` key for the definition id. */
  cloudKey: 'coreDefinitionId' | 'functionDefinitionId' | 'resourceDefinitionId' | 'subscriptionDefinitionId' | 'deviceDefinitionId';
  documentKind: DefinitionDocumentKind;
  /** The file-name stem that names the kind ('function-definition' for function-definition.json and x.function-definition.json). */
  stem: string;
  /** The file name a pulled or scaffolded group uses. */
  fileName: string;
}

function fileKind(kind: FileDefinitionKind, list: string, manifestKey: ManifestDefinitionKey, extra: readonly string[] = []): FileDefinitionKindInfo {
  const Name = list.replace(/s$/, '');
  return {
    kind, list, extra, idKey: `${Name}DefinitionId`, arnSegment: `${kind}s`, groupVersionKey: `${Name}DefinitionVersionArn`, apiName: `${Name}Definition`,
    label: `${kind} definition`, get title() { return definitionKindTitle(kind); }, manifestKey, cloudKey: `${kind}DefinitionId`,
    documentKind: `${kind}Definition`, stem: `${kind}-definition`, fileName: `${kind}-definition.json`,
  };
}

/** The kinds a group folder holds as files, in the order the manifest lists them. */
export const FILE_DEFINITION_KINDS: Readonly<Record<FileDefinitionKind, FileDefinitionKindInfo>> = {
  core: fileKind('core', 'Cores', 'core'),
  function: fileKind('function', 'Functions', 'functions', ['DefaultConfig']),
  resource: fileKind('resource', 'Resources', 'resources'),
  subscription: fileKind('subscription', 'Subscriptions', 'subscriptions'),
  device: fileKind('device', 'Devices', 'devices'),
};

/** Every kind of a group version, in the order the API lists them. */
export const DEFINITION_KIND_INFO: Readonly<Record<DefinitionKind, DefinitionKindInfo>> = {
  // Each entry itself, not a spread: a spread would read `title` once, in English, at load.
  core: FILE_DEFINITION_KINDS.core,
  function: FILE_DEFINITION_KINDS.function,
  resource: FILE_DEFINITION_KINDS.resource,
  subscription: FILE_DEFINITION_KINDS.subscription,
  device: FILE_DEFINITION_KINDS.device,
  logger: { kind: 'logger', list: 'Loggers', extra: [], idKey: 'LoggerDefinitionId', arnSegment: 'loggers', groupVersionKey: 'LoggerDefinitionVersionArn', apiName: 'LoggerDefinition', label: 'logger definition', get title() { return definitionKindTitle('logger'); } },
  connector: { kind: 'connector', list: 'Connectors', extra: [], idKey: 'ConnectorDefinitionId', arnSegment: 'connectors', groupVersionKey: 'ConnectorDefinitionVersionArn', apiName: 'ConnectorDefinition', label: 'connector definition', get title() { return definitionKindTitle('connector'); } },
};

/** A kind's name as a title ('Function definition'), in the user's language. */
export function definitionKindTitle(kind: DefinitionKind): string {
  switch (kind) {
    case 'core': return l10n.t('Core definition');
    case 'function': return l10n.t('Function definition');
    case 'resource': return l10n.t('Resource definition');
    case 'subscription': return l10n.t('Subscription definition');
    case 'device': return l10n.t('Device definition');
    case 'logger': return l10n.t('Logger definition');
    case 'connector': return l10n.t('Connector definition');
  }
}

export const DEFINITION_KINDS: readonly DefinitionKind[] = ['core', 'function', 'resource', 'subscription', 'device', 'logger', 'connector'];
export const FILE_KINDS: readonly FileDefinitionKindInfo[] = Object.values(FILE_DEFINITION_KINDS);

/** The kind whose ARN segment is `segment` ('functions' → 'function'). */
export function kindOfArnSegment(segment: string): DefinitionKind | undefined {
  return DEFINITION_KINDS.find((k) => DEFINITION_KIND_INFO[k].arnSegment === segment);
}

/** Each file kind by the manifest key that names its file ('resources' → the resource kind). */
export const FILE_KINDS_BY_MANIFEST_KEY = Object.fromEntries(FILE_KINDS.map((k) => [k.manifestKey, k])) as Readonly<Record<ManifestDefinitionKey, FileDefinitionKindInfo>>;

/** The manifest keys of the file kinds, in the manifest's order. */
export const MANIFEST_DEFINITION_KEYS: readonly ManifestDefinitionKey[] = FILE_KINDS.map((k) => k.manifestKey);

/** The file kind of a linter document kind ('resourceDefinition' → the resource kind). */
export function kindOfDocument(documentKind: string): FileDefinitionKindInfo | undefined {
  return FILE_KINDS.find((k) => k.documentKind === documentKind);
}

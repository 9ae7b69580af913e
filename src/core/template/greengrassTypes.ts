// The AWS::Greengrass::* V1 resource types a template may hold: what each is, where CloudFormation documents it, and
// which definition schema (schemas/) describes its Properties. The one table behind hover, completion and the
// `yamlValidation` schema fragment (schemas/cloudformation-greengrass.schema.json).
import * as l10n from '@vscode/l10n';

export interface GreengrassType {
  type: string;
  description: string;
  /** The definition schema whose root describes the resource's Properties (the API's shape), if any. */
  schema?: string;
}

/** The type names, in the order completion offers them. */
const TYPE_NAMES: readonly string[] = [
  'AWS::Greengrass::CoreDefinition',
  'AWS::Greengrass::CoreDefinitionVersion',
  'AWS::Greengrass::FunctionDefinition',
  'AWS::Greengrass::FunctionDefinitionVersion',
  'AWS::Greengrass::ResourceDefinition',
  'AWS::Greengrass::ResourceDefinitionVersion',
  'AWS::Greengrass::SubscriptionDefinition',
  'AWS::Greengrass::SubscriptionDefinitionVersion',
  'AWS::Greengrass::DeviceDefinition',
  'AWS::Greengrass::DeviceDefinitionVersion',
  'AWS::Greengrass::LoggerDefinition',
  'AWS::Greengrass::LoggerDefinitionVersion',
  'AWS::Greengrass::ConnectorDefinition',
  'AWS::Greengrass::ConnectorDefinitionVersion',
  'AWS::Greengrass::Group',
  'AWS::Greengrass::GroupVersion',
];

/** The definition schema of each type whose Properties one describes. */
const SCHEMAS: Readonly<Record<string, string>> = {
  'AWS::Greengrass::CoreDefinition': 'core-definition.schema.json',
  'AWS::Greengrass::CoreDefinitionVersion': 'core-definition.schema.json',
  'AWS::Greengrass::FunctionDefinition': 'function-definition.schema.json',
  'AWS::Greengrass::FunctionDefinitionVersion': 'function-definition.schema.json',
  'AWS::Greengrass::ResourceDefinition': 'resource-definition.schema.json',
  'AWS::Greengrass::ResourceDefinitionVersion': 'resource-definition.schema.json',
  'AWS::Greengrass::SubscriptionDefinition': 'subscription-definition.schema.json',
  'AWS::Greengrass::SubscriptionDefinitionVersion': 'subscription-definition.schema.json',
  'AWS::Greengrass::DeviceDefinition': 'device-definition.schema.json',
  'AWS::Greengrass::DeviceDefinitionVersion': 'device-definition.schema.json',
};

/** What a type is, in the user's language (read when shown: the translation is loaded after this module). */
function describeType(type: string): string {
  switch (type) {
    case 'AWS::Greengrass::CoreDefinition':
      return l10n.t('A Greengrass V1 core definition: the Greengrass core (its AWS IoT thing and certificate). `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::CoreDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 core definition (`CoreDefinitionId: !Ref <definition>`): the Greengrass core (its AWS IoT thing and certificate). `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::FunctionDefinition':
      return l10n.t('A Greengrass V1 function definition: the Lambda functions that run on the core, with their configuration (isolation mode, memory, environment, resource access). `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::FunctionDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 function definition (`FunctionDefinitionId: !Ref <definition>`): the Lambda functions that run on the core, with their configuration (isolation mode, memory, environment, resource access). `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::ResourceDefinition':
      return l10n.t('A Greengrass V1 resource definition: the local resources and ML model resources the functions may access. `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::ResourceDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 resource definition (`ResourceDefinitionId: !Ref <definition>`): the local resources and ML model resources the functions may access. `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::SubscriptionDefinition':
      return l10n.t('A Greengrass V1 subscription definition: the MQTT subscriptions between functions, devices, the cloud and the shadow service. `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::SubscriptionDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 subscription definition (`SubscriptionDefinitionId: !Ref <definition>`): the MQTT subscriptions between functions, devices, the cloud and the shadow service. `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::DeviceDefinition':
      return l10n.t('A Greengrass V1 device definition: the AWS IoT things (client devices) that connect to the core. `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::DeviceDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 device definition (`DeviceDefinitionId: !Ref <definition>`): the AWS IoT things (client devices) that connect to the core. `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::LoggerDefinition':
      return l10n.t('A Greengrass V1 logger definition: where the core and its functions log (CloudWatch or the local file system). `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::LoggerDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 logger definition (`LoggerDefinitionId: !Ref <definition>`): where the core and its functions log (CloudWatch or the local file system). `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::ConnectorDefinition':
      return l10n.t('A Greengrass V1 connector definition: the prebuilt connectors (for example the ML Image Classification connector) and their parameters. `InitialVersion` holds its first version; a group names it with `!GetAtt <Id>.LatestVersionArn`.');
    case 'AWS::Greengrass::ConnectorDefinitionVersion':
      return l10n.t('A version of a Greengrass V1 connector definition (`ConnectorDefinitionId: !Ref <definition>`): the prebuilt connectors (for example the ML Image Classification connector) and their parameters. `!Ref` gives the version ARN a group names.');
    case 'AWS::Greengrass::Group':
      return l10n.t('A Greengrass V1 group: `RoleArn` is the group role, `InitialVersion` wires the definitions together (`CoreDefinitionVersionArn: !GetAtt CoreDefinition.LatestVersionArn`, …). Greengrass ML lints each group with its parts.');
    case 'AWS::Greengrass::GroupVersion':
      return l10n.t('A version of a Greengrass V1 group (`GroupId: !Ref <group>`) that wires definition versions together (`…DefinitionVersionArn`).');
    default:
      return type;
  }
}

/** Every AWS::Greengrass::* V1 type, in the order completion offers them. */
export const GREENGRASS_TYPES: readonly GreengrassType[] = TYPE_NAMES.map((type): GreengrassType => ({
  type,
  get description(): string {
    return describeType(type);
  },
  ...(SCHEMAS[type] ? { schema: SCHEMAS[type] } : {}),
}));

const BY_TYPE = new Map(GREENGRASS_TYPES.map((t) => [t.type, t]));

export function greengrassType(type: string): GreengrassType | undefined {
  return BY_TYPE.get(type);
}

/** The CloudFormation reference page of a type. */
export function cloudFormationDocs(type: string): string {
  const name = type.replace(/^AWS::Greengrass::/, '').toLowerCase();
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-greengrass-${name}.html`;
}

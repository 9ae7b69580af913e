// The AWS::Greengrass::* V1 resource types a template may hold: what each is, where CloudFormation documents it, and
// which definition schema (schemas/) describes its Properties. The one table behind hover, completion and the
// `yamlValidation` schema fragment (schemas/cloudformation-greengrass.schema.json).

export interface GreengrassType {
  type: string;
  description: string;
  /** The definition schema whose root describes the resource's Properties (the API's shape), if any. */
  schema?: string;
}

const PARTS: readonly { stem: string; what: string; schema?: string }[] = [
  { stem: 'Core', what: 'the Greengrass core (its AWS IoT thing and certificate)', schema: 'core-definition.schema.json' },
  { stem: 'Function', what: 'the Lambda functions that run on the core, with their configuration (isolation mode, memory, environment, resource access)', schema: 'function-definition.schema.json' },
  { stem: 'Resource', what: 'the local resources and ML model resources the functions may access', schema: 'resource-definition.schema.json' },
  { stem: 'Subscription', what: 'the MQTT subscriptions between functions, devices, the cloud and the shadow service', schema: 'subscription-definition.schema.json' },
  { stem: 'Device', what: 'the AWS IoT things (client devices) that connect to the core', schema: 'device-definition.schema.json' },
  { stem: 'Logger', what: 'where the core and its functions log (CloudWatch or the local file system)' },
  { stem: 'Connector', what: 'the prebuilt connectors (for example the ML Image Classification connector) and their parameters' },
];

/** Every AWS::Greengrass::* V1 type, in the order completion offers them. */
export const GREENGRASS_TYPES: readonly GreengrassType[] = [
  ...PARTS.flatMap((p): GreengrassType[] => [
    {
      type: `AWS::Greengrass::${p.stem}Definition`,
      description: `A Greengrass V1 ${p.stem.toLowerCase()} definition: ${p.what}. \`InitialVersion\` holds its first version; a group names it with \`!GetAtt <Id>.LatestVersionArn\`.`,
      ...(p.schema ? { schema: p.schema } : {}),
    },
    {
      type: `AWS::Greengrass::${p.stem}DefinitionVersion`,
      description: `A version of a Greengrass V1 ${p.stem.toLowerCase()} definition (\`${p.stem}DefinitionId: !Ref <definition>\`): ${p.what}. \`!Ref\` gives the version ARN a group names.`,
      ...(p.schema ? { schema: p.schema } : {}),
    },
  ]),
  {
    type: 'AWS::Greengrass::Group',
    description: 'A Greengrass V1 group: `RoleArn` is the group role, `InitialVersion` wires the definitions together (`CoreDefinitionVersionArn: !GetAtt CoreDefinition.LatestVersionArn`, …). Greengrass ML lints each group with its parts.',
  },
  {
    type: 'AWS::Greengrass::GroupVersion',
    description: 'A version of a Greengrass V1 group (`GroupId: !Ref <group>`) that wires definition versions together (`…DefinitionVersionArn`).',
  },
];

const BY_TYPE = new Map(GREENGRASS_TYPES.map((t) => [t.type, t]));

export function greengrassType(type: string): GreengrassType | undefined {
  return BY_TYPE.get(type);
}

/** The CloudFormation reference page of a type. */
export function cloudFormationDocs(type: string): string {
  const name = type.replace(/^AWS::Greengrass::/, '').toLowerCase();
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-greengrass-${name}.html`;
}

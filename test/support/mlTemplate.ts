// A CloudFormation template in the shape ML inference projects keep their Greengrass V1 group in, of any size:
// `resources` ML resources (S3 and SageMaker models, a few camera devices) in one resource definition, one Lambda
// function per ten of them (function, version, alias, execution role) in the function definition, the group role
// with an inline policy for the model buckets, and the group wiring it all with `!GetAtt …LatestVersionArn`.
// Used by the CLI tests and by `npm run bench`, which lints it with greengrass-ml and with cfn-lint.
//
// Mistakes a user makes, at fixed intervals, so that both linters have something to report: every 50th model archive
// is not a .tar.gz/.zip, and every 100th function pins a memory size below the 128 MB Lambda minimum... as KB.

export interface MlTemplateOptions {
  /** How many ML resources (default 10,000). */
  resources?: number | undefined;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BUCKETS = 20;

/** Figures of a generated template, for reports. */
export interface MlTemplate {
  text: string;
  resources: number;
  functions: number;
}

export function generateMlTemplate(options: MlTemplateOptions = {}): MlTemplate {
  const n = options.resources ?? 10_000;
  const functions = Math.ceil(n / 10);
  const out: string[] = [];
  const w = (line: string) => out.push(line);
  w("AWSTemplateFormatVersion: '2010-09-09'");
  w(`Description: Image classification at the edge with AWS IoT Greengrass V1 (${n} models, ${functions} inference functions).`);
  w('');
  w('Metadata:');
  w('  greengrass-ml:');
  w('    coreVersion: 1.11.6');
  w('    platform: raspberry-pi');
  w(`    region: ${REGION}`);
  w('');
  w('Parameters:');
  w('  CodeBucket:');
  w('    Type: String');
  w('    Default: inference-code-artifacts');
  w('');
  w('Resources:');
  w('  # The group role: Greengrass assumes it to read the models.');
  w('  GreengrassGroupRole:');
  w('    Type: AWS::IAM::Role');
  w('    Properties:');
  w('      AssumeRolePolicyDocument:');
  w("        Version: '2012-10-17'");
  w('        Statement:');
  w('          - Effect: Allow');
  w('            Principal:');
  w('              Service: greengrass.amazonaws.com');
  w('            Action: sts:AssumeRole');
  w('      Policies:');
  w('        - PolicyName: read-models');
  w('          PolicyDocument:');
  w("            Version: '2012-10-17'");
  w('            Statement:');
  w('              - Effect: Allow');
  w('                Action: s3:GetObject');
  w('                Resource:');
  for (let b = 0; b < BUCKETS; b++) w(`                  - arn:aws:s3:::edge-models-${b}/*`);
  w('');
  w('  InferenceExecutionRole:');
  w('    Type: AWS::IAM::Role');
  w('    Properties:');
  w('      AssumeRolePolicyDocument:');
  w("        Version: '2012-10-17'");
  w('        Statement:');
  w('          - Effect: Allow');
  w('            Principal:');
  w('              Service: lambda.amazonaws.com');
  w('            Action: sts:AssumeRole');
  w('      ManagedPolicyArns:');
  w('        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
  for (let f = 0; f < functions; f++) {
    w('');
    w(`  Classifier${f}:`);
    w('    Type: AWS::Lambda::Function');
    w('    Properties:');
    w(`      FunctionName: classifier-${f}`);
    w('      Runtime: python3.7');
    w('      Handler: inference.handler');
    w('      MemorySize: 128');
    w('      Timeout: 10');
    w('      Role: !GetAtt InferenceExecutionRole.Arn');
    w('      Code:');
    w('        S3Bucket: !Ref CodeBucket');
    w(`        S3Key: classifier-${f}.zip`);
    w(`  Classifier${f}Version:`);
    w('    Type: AWS::Lambda::Version');
    w('    Properties:');
    w(`      FunctionName: !Ref Classifier${f}`);
    w(`  Classifier${f}Alias:`);
    w('    Type: AWS::Lambda::Alias');
    w('    Properties:');
    w(`      FunctionName: !Ref Classifier${f}`);
    w(`      FunctionVersion: !GetAtt Classifier${f}Version.Version`);
    w('      Name: prod');
  }
  w('');
  w('  ModelResources:');
  w('    Type: AWS::Greengrass::ResourceDefinition');
  w('    Properties:');
  w('      Name: edge-models');
  w('      InitialVersion:');
  w('        Resources:');
  for (let i = 0; i < n; i++) {
    w(`          - Id: model-${i}`);
    w(`            Name: model-${i}`);
    w('            ResourceDataContainer:');
    if (i % 10 === 9) {
      w('              LocalDeviceResourceData:');
      w(`                SourcePath: /dev/video${i % 8}`);
      w('                GroupOwnerSetting:');
      w('                  AutoAddGroupOwner: true');
    } else if (i % 3 === 0) {
      w('              SageMakerMachineLearningModelResourceData:');
      w(`                SageMakerJobArn: arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/classifier-job-${i}`);
      w(`                DestinationPath: /ml/sagemaker/${i}`);
    } else {
      w('              S3MachineLearningModelResourceData:');
      w(`                S3Uri: s3://edge-models-${i % BUCKETS}/models/${i}/${i % 50 === 1 ? 'model.params' : 'model.tar.gz'}`);
      w(`                DestinationPath: /ml/s3/${i}`);
    }
  }
  w('');
  w('  InferenceFunctions:');
  w('    Type: AWS::Greengrass::FunctionDefinition');
  w('    Properties:');
  w('      Name: inference-functions');
  w('      InitialVersion:');
  w('        Functions:');
  for (let f = 0; f < functions; f++) {
    w(`          - Id: classifier-${f}`);
    w(`            FunctionArn: !Ref Classifier${f}Alias`);
    w('            FunctionConfiguration:');
    w('              Executable: inference.handler');
    w('              Pinned: true');
    w('              Timeout: 10');
    w(`              MemorySize: ${f % 100 === 7 ? 128 : 98304}`);
    w('              EncodingType: json');
    w('              Environment:');
    w('                Variables:');
    w('                  MXNET_ENGINE_TYPE: NaiveEngine');
    w('                Execution:');
    w('                  IsolationMode: GreengrassContainer');
    w('                ResourceAccessPolicies:');
    for (let i = f * 10; i < Math.min(n, f * 10 + 10); i++) {
      w(`                  - ResourceId: model-${i}`);
      w(`                    Permission: ${i % 10 === 9 ? 'rw' : 'ro'}`);
    }
  }
  w('');
  w('  EdgeGroup:');
  w('    Type: AWS::Greengrass::Group');
  w('    Properties:');
  w('      Name: edge-inference');
  w('      RoleArn: !GetAtt GreengrassGroupRole.Arn');
  w('      InitialVersion:');
  w('        FunctionDefinitionVersionArn: !GetAtt InferenceFunctions.LatestVersionArn');
  w('        ResourceDefinitionVersionArn: !GetAtt ModelResources.LatestVersionArn');
  w('');
  return { text: out.join('\n'), resources: n, functions };
}

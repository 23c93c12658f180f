/**
 * What the SAM transform accepts today, for the schema rules and the schema features (completion, hover).
 *
 * The schema index describes `AWS::Serverless::*` from an older SAM specification: it
 * lacks properties added since (`LoggingConfig`, `SnapStart`, `RuntimeManagementConfig`,
 * `PropagateTags`, most event-source options, …), lacks resource types (`Connector`,
 * `GraphQLApi`, `WebSocketApi`, `CapacityProvider`) and marks some properties required
 * that no longer are (`StartingPosition` of Kinesis/DynamoDB events). This overlay lists,
 * per SAM resource type and per event type, the property names SAM accepts, which are
 * required, and which pass through unchanged to a CloudFormation property (those values
 * are checked against the CloudFormation type, which is current).
 *
 * Source: the AWS SAM resource and property reference
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html)
 * and what the transform itself accepts (aws-sam-translator 1.110, the `property_types` of
 * each resource and event source: the transform rejects any other property). Update this
 * table with SAM releases.
 */

export interface SamShape {
  /** Every property name SAM accepts here. */
  readonly properties: ReadonlySet<string>;
  readonly required: readonly string[];
  /** Property -> [CloudFormation type, property path below its Properties]. */
  readonly passthrough: Readonly<Record<string, readonly [string, string]>>;
}

export interface SamEventShape extends SamShape {
  /** Name of the matching nested type in the schema index (for value types), if any. */
  readonly specType?: string;
}

export interface SamResourceShape extends SamShape {
  /** `Globals` section that applies to the type (`Function`, `Api`, …). */
  readonly globals?: string;
  /** Event types of `Events` (Function and StateMachine). */
  readonly events?: Readonly<Record<string, SamEventShape>>;
  /** CloudFormation type SAM generates with the same logical ID (its attributes are the GetAtt attributes). */
  readonly generates?: string;
  /** `MyFunction.Alias`-style references SAM resolves to generated resources. */
  readonly referable?: readonly string[];
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

function shape(props: string, required = '', passthrough: Record<string, readonly [string, string]> = {}): SamShape {
  return { properties: words(props), required: [...words(required)], passthrough };
}

function event(props: string, required: string, specType?: string, passthrough: Record<string, readonly [string, string]> = {}): SamEventShape {
  return { ...shape(props, required, passthrough), specType };
}

const LAMBDA = 'AWS::Lambda::Function';
const ESM = 'AWS::Lambda::EventSourceMapping';
const esmKms = { KmsKeyArn: [ESM, 'KmsKeyArn'] as const };

/** Options of the pull (event source mapping) events: the transform accepts the same set for each. */
const PULL_COMMON =
  'BatchSize BisectBatchOnFunctionError ConsumerGroupId DestinationConfig Enabled FilterCriteria FunctionResponseTypes KafkaBootstrapServers KmsKeyArn LoggingConfig MaximumBatchingWindowInSeconds MaximumRecordAgeInSeconds MaximumRetryAttempts MetricsConfig ParallelizationFactor ProvisionedPollerConfig Queues ScalingConfig SchemaRegistryConfig SecretsManagerKmsKeyId SourceAccessConfigurations StartingPosition StartingPositionTimestamp Topics TumblingWindowInSeconds';

const EVENTBRIDGE_PROPS = 'DeadLetterConfig Enabled EventBusName Input InputPath InputTransformer Pattern RetryPolicy RuleName State Target';

// Required lists are what both the transform and the SAM reference require (where they
// differ, e.g. StartingPosition, the property is not reported as missing).
const FUNCTION_EVENTS: Record<string, SamEventShape> = {
  S3: event('Bucket Events Filter', 'Bucket Events', 'S3Event'),
  SNS: event('FilterPolicy FilterPolicyScope RedrivePolicy Region SqsSubscription Topic', 'Topic', 'SNSEvent', { FilterPolicyScope: ['AWS::SNS::Subscription', 'FilterPolicyScope'] }),
  Kinesis: event(`${PULL_COMMON} Stream`, 'Stream', 'KinesisEvent', esmKms),
  DynamoDB: event(`${PULL_COMMON} Stream`, 'Stream', 'DynamoDBEvent', esmKms),
  DocumentDB: event(`${PULL_COMMON} Cluster CollectionName DatabaseName FullDocument`, 'Cluster DatabaseName', undefined, esmKms),
  SQS: event(`${PULL_COMMON} Queue`, 'Queue', 'SQSEvent'),
  MSK: event(`${PULL_COMMON} Stream`, 'Stream', undefined, { BatchSize: [ESM, 'BatchSize'], DestinationConfig: [ESM, 'DestinationConfig'], Enabled: [ESM, 'Enabled'] }),
  MQ: event(`${PULL_COMMON} Broker DynamicPolicyName`, 'Broker', undefined, esmKms),
  SelfManagedKafka: event(PULL_COMMON, '', undefined, esmKms),
  Api: event('Auth Method Path RequestModel RequestParameters ResponseTransferMode RestApiId Stage TimeoutInMillis', 'Method Path', 'ApiEvent'),
  HttpApi: event('ApiId Auth Method Path PayloadFormatVersion RouteSettings Stage TimeoutInMillis', '', 'HttpApiEvent'),
  Schedule: event('DeadLetterConfig Description Enabled Input Name RetryPolicy RuleName Schedule State', '', 'ScheduleEvent'),
  ScheduleV2: event(
    'DeadLetterConfig Description EndDate FlexibleTimeWindow GroupName Input KmsKeyArn Name OmitName PermissionsBoundary RetryPolicy RoleArn ScheduleExpression ScheduleExpressionTimezone StartDate State',
    '',
  ),
  CloudWatchEvent: event(EVENTBRIDGE_PROPS, '', 'CloudWatchEventEvent'),
  EventBridgeRule: event(EVENTBRIDGE_PROPS, '', 'EventBridgeRuleEvent'),
  CloudWatchLogs: event('FilterPattern LogGroupName', 'FilterPattern LogGroupName', 'CloudWatchLogsEvent'),
  IoTRule: event('AwsIotSqlVersion Sql', 'Sql', 'IoTRuleEvent'),
  AlexaSkill: event('SkillId', '', 'AlexaSkillEvent'),
  Cognito: event('Trigger UserPool', 'Trigger UserPool', 'CognitoEvent'),
};

const SFN_EVENTBRIDGE_PROPS = 'DeadLetterConfig EventBusName Input InputPath InputTransformer Pattern RetryPolicy RuleName State Target';

const STATE_MACHINE_EVENTS: Record<string, SamEventShape> = {
  Schedule: event('DeadLetterConfig Description Enabled Input Name RetryPolicy RoleArn Schedule State Target', '', 'ScheduleEvent', {
    RoleArn: ['AWS::Scheduler::Schedule', 'Target.RoleArn'],
  }),
  ScheduleV2: FUNCTION_EVENTS.ScheduleV2,
  CloudWatchEvent: event(SFN_EVENTBRIDGE_PROPS, '', 'CloudWatchEventEvent'),
  EventBridgeRule: event(SFN_EVENTBRIDGE_PROPS, '', 'EventBridgeRuleEvent'),
  Api: event('Auth Method Path RestApiId Stage UnescapeMappingTemplate', 'Method Path', 'ApiEvent'),
};

const fn = (p: string) => [LAMBDA, p] as const;

export const SAM_RESOURCES: Readonly<Record<string, SamResourceShape>> = {
  'AWS::Serverless::Function': {
    ...shape(
      'Architectures AssumeRolePolicyDocument AutoPublishAlias AutoPublishAliasAllProperties AutoPublishCodeSha256 CapacityProviderConfig CodeSigningConfigArn CodeUri DeadLetterQueue DeploymentPreference Description DurableConfig Environment EphemeralStorage EventInvokeConfig Events FileSystemConfigs FunctionName FunctionScalingConfig FunctionUrlConfig Handler ImageConfig ImageUri InlineCode KmsKeyArn Layers LoggingConfig MemorySize PackageType PermissionsBoundary Policies PropagateTags ProvisionedConcurrencyConfig PublishToLatestPublished RecursiveLoop ReservedConcurrentExecutions Role RolePath Runtime RuntimeManagementConfig SnapStart SourceKMSKeyArn Tags TenancyConfig Timeout Tracing VersionDeletionPolicy VersionDescription VpcConfig',
      '',
      {
        Architectures: fn('Architectures'),
        CodeSigningConfigArn: fn('CodeSigningConfigArn'),
        Description: fn('Description'),
        DurableConfig: fn('DurableConfig'),
        Environment: fn('Environment'),
        EphemeralStorage: fn('EphemeralStorage'),
        FileSystemConfigs: fn('FileSystemConfigs'),
        FunctionName: fn('FunctionName'),
        FunctionScalingConfig: fn('FunctionScalingConfig'),
        Handler: fn('Handler'),
        ImageConfig: fn('ImageConfig'),
        ImageUri: fn('Code.ImageUri'),
        LoggingConfig: fn('LoggingConfig'),
        PermissionsBoundary: ['AWS::IAM::Role', 'PermissionsBoundary'],
        ProvisionedConcurrencyConfig: ['AWS::Lambda::Alias', 'ProvisionedConcurrencyConfig'],
        PublishToLatestPublished: fn('PublishToLatestPublished'),
        RecursiveLoop: fn('RecursiveLoop'),
        RolePath: ['AWS::IAM::Role', 'Path'],
        Runtime: fn('Runtime'),
        SourceKMSKeyArn: fn('Code.SourceKMSKeyArn'),
        TenancyConfig: fn('TenancyConfig'),
      },
    ),
    globals: 'Function',
    events: FUNCTION_EVENTS,
    generates: LAMBDA,
    referable: ['Alias', 'Version', 'DestinationTopic', 'DestinationQueue'],
  },
  'AWS::Serverless::StateMachine': {
    ...shape(
      'AutoPublishAlias Definition DefinitionSubstitutions DefinitionUri DeploymentPreference Events Logging Name PermissionsBoundary Policies PropagateTags Role RolePath Tags Tracing Type UseAliasAsEventTarget',
    ),
    globals: 'StateMachine',
    events: STATE_MACHINE_EVENTS,
    generates: 'AWS::StepFunctions::StateMachine',
    referable: ['Alias', 'Version'],
  },
  'AWS::Serverless::Api': {
    ...shape(
      'AccessLogSetting AlwaysDeploy ApiKeySourceType Auth BinaryMediaTypes CacheClusterEnabled CacheClusterSize CanarySetting Cors DefinitionBody DefinitionUri Description DisableExecuteApiEndpoint Domain EndpointAccessMode EndpointConfiguration FailOnWarnings GatewayResponses MergeDefinitions MethodSettings MinimumCompressionSize Mode Models Name OpenApiVersion Policy PropagateTags SecurityPolicy StageName Tags TracingEnabled Variables',
      'StageName',
      {
        AccessLogSetting: ['AWS::ApiGateway::Stage', 'AccessLogSetting'],
        ApiKeySourceType: ['AWS::ApiGateway::RestApi', 'ApiKeySourceType'],
        CacheClusterEnabled: ['AWS::ApiGateway::Stage', 'CacheClusterEnabled'],
        CacheClusterSize: ['AWS::ApiGateway::Stage', 'CacheClusterSize'],
        CanarySetting: ['AWS::ApiGateway::Stage', 'CanarySetting'],
        Description: ['AWS::ApiGateway::Stage', 'Description'],
        EndpointAccessMode: ['AWS::ApiGateway::RestApi', 'EndpointAccessMode'],
        FailOnWarnings: ['AWS::ApiGateway::RestApi', 'FailOnWarnings'],
        MethodSettings: ['AWS::ApiGateway::Stage', 'MethodSettings'],
        MinimumCompressionSize: ['AWS::ApiGateway::RestApi', 'MinimumCompressionSize'],
        Mode: ['AWS::ApiGateway::RestApi', 'Mode'],
        Name: ['AWS::ApiGateway::RestApi', 'Name'],
        Policy: ['AWS::ApiGateway::RestApi', 'Policy'],
        SecurityPolicy: ['AWS::ApiGateway::RestApi', 'SecurityPolicy'],
        TracingEnabled: ['AWS::ApiGateway::Stage', 'TracingEnabled'],
        Variables: ['AWS::ApiGateway::Stage', 'Variables'],
      },
    ),
    globals: 'Api',
    generates: 'AWS::ApiGateway::RestApi',
    referable: ['Stage', 'Deployment', 'DomainName', 'DomainNameV2', 'UsagePlan', 'UsagePlanKey', 'ApiKey'],
  },
  'AWS::Serverless::HttpApi': {
    ...shape(
      'AccessLogSettings Auth CorsConfiguration DefaultRouteSettings DefinitionBody DefinitionUri Description DisableExecuteApiEndpoint Domain FailOnWarnings Name PropagateTags RouteSettings StageName StageVariables Tags',
    ),
    globals: 'HttpApi',
    generates: 'AWS::ApiGatewayV2::Api',
    referable: ['Stage', 'DomainName'],
  },
  'AWS::Serverless::WebSocketApi': {
    ...shape(
      'AccessLogSettings ApiKeySelectionExpression Auth DefaultRouteSettings Description DisableExecuteApiEndpoint DisableSchemaValidation Domain FailOnWarnings IpAddressType Name PropagateTags RouteSelectionExpression RouteSettings Routes StageName StageVariables Tags',
      'Routes RouteSelectionExpression',
    ),
    globals: 'WebSocketApi',
    generates: 'AWS::ApiGatewayV2::Api',
    referable: ['Stage', 'DomainName'],
  },
  'AWS::Serverless::SimpleTable': {
    ...shape('PointInTimeRecoverySpecification PrimaryKey ProvisionedThroughput SSESpecification TableName Tags', '', {
      PointInTimeRecoverySpecification: ['AWS::DynamoDB::Table', 'PointInTimeRecoverySpecification'],
      ProvisionedThroughput: ['AWS::DynamoDB::Table', 'ProvisionedThroughput'],
      SSESpecification: ['AWS::DynamoDB::Table', 'SSESpecification'],
      TableName: ['AWS::DynamoDB::Table', 'TableName'],
    }),
    globals: 'SimpleTable',
    generates: 'AWS::DynamoDB::Table',
  },
  'AWS::Serverless::LayerVersion': {
    ...shape('CompatibleArchitectures CompatibleRuntimes ContentUri Description LayerName LicenseInfo PublishLambdaVersion RetentionPolicy', 'ContentUri', {
      CompatibleArchitectures: ['AWS::Lambda::LayerVersion', 'CompatibleArchitectures'],
      CompatibleRuntimes: ['AWS::Lambda::LayerVersion', 'CompatibleRuntimes'],
      Description: ['AWS::Lambda::LayerVersion', 'Description'],
      LicenseInfo: ['AWS::Lambda::LayerVersion', 'LicenseInfo'],
    }),
    globals: 'LayerVersion',
    // The generated AWS::Lambda::LayerVersion gets a hashed logical ID: no GetAtt through the SAM ID.
  },
  'AWS::Serverless::Application': {
    ...shape('Location NotificationARNs Parameters Tags TemplateUrl TimeoutInMinutes', 'Location', {
      NotificationARNs: ['AWS::CloudFormation::Stack', 'NotificationARNs'],
      Parameters: ['AWS::CloudFormation::Stack', 'Parameters'],
      TimeoutInMinutes: ['AWS::CloudFormation::Stack', 'TimeoutInMinutes'],
    }),
    // Generates an AWS::CloudFormation::Stack: `Outputs.X` attributes, not checkable.
  },
  'AWS::Serverless::GraphQLApi': {
    ...shape(
      'ApiKeys Auth Cache DataSources DomainName Functions IntrospectionConfig Logging Name OwnerContact QueryDepthLimit ResolverCountLimit Resolvers SchemaInline SchemaUri Tags Visibility XrayEnabled',
      'Auth',
    ),
    generates: 'AWS::AppSync::GraphQLApi',
  },
  'AWS::Serverless::Connector': shape('Destination Permissions Source', 'Source Destination Permissions'),
  'AWS::Serverless::CapacityProvider': {
    ...shape('CapacityProviderName InstanceRequirements KmsKeyArn OperatorRole PropagateTags ScalingConfig Tags VpcConfig', 'VpcConfig', {
      CapacityProviderName: ['AWS::Lambda::CapacityProvider', 'CapacityProviderName'],
      KmsKeyArn: ['AWS::Lambda::CapacityProvider', 'KmsKeyArn'],
    }),
    globals: 'CapacityProvider',
    generates: 'AWS::Lambda::CapacityProvider',
  },
};

/** The SAM overlay of a type, when it is an `AWS::Serverless::*` type SAM knows. */
export function samShape(type: string | undefined): SamResourceShape | undefined {
  if (!type || !type.startsWith('AWS::Serverless::')) return undefined;
  return Object.prototype.hasOwnProperty.call(SAM_RESOURCES, type) ? SAM_RESOURCES[type] : undefined;
}

/** Resource attributes SAM accepts besides CloudFormation's (in templates SAM transforms). */
export const SAM_RESOURCE_ATTRIBUTES: readonly string[] = ['Connectors', 'IgnoreGlobals'];

import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const api = '  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: orders\n  Deployment:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref Api\n';
const stage = (props: string) => `${head}Resources:\n${api}  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      DeploymentId: !Ref Deployment\n      StageName: prod\n${props}`;
const v2 = (props: string) =>
  `${head}Resources:\n  Http:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: orders\n      ProtocolType: HTTP\n  Default:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n      ApiId: !Ref Http\n      StageName: $default\n      AutoDeploy: true\n${props}`;

ruleTester('apigateway-stage-no-throttling', {
  valid: [
    { name: 'stage-wide method settings with limits', yaml: stage('      MethodSettings:\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          ThrottlingRateLimit: 100\n          ThrottlingBurstLimit: 50\n') },
    { name: 'a limit on one method counts', yaml: stage('      MethodSettings:\n        - ResourcePath: /orders\n          HttpMethod: POST\n          ThrottlingBurstLimit: 10\n') },
    {
      name: 'a usage plan throttling the API',
      yaml: stage('') + '  Plan:\n    Type: AWS::ApiGateway::UsagePlan\n    Properties:\n      ApiStages:\n        - ApiId: !Ref Api\n          Stage: !Ref Prod\n      Throttle:\n        RateLimit: 100\n        BurstLimit: 20\n',
    },
    { name: 'deployment without a stage of its own', yaml: `${head}Resources:\n${api}` },
    { name: 'deployment whose StageDescription throttles', yaml: `${head}Resources:\n${api}      StageName: prod\n      StageDescription:\n        ThrottlingRateLimit: 100\n` },
    { name: 'HTTP API stage with default route limits', yaml: v2('      DefaultRouteSettings:\n        ThrottlingRateLimit: 100\n        ThrottlingBurstLimit: 50\n') },
    { name: 'HTTP API stage with route limits', yaml: v2('      RouteSettings:\n        "POST /orders":\n          ThrottlingRateLimit: 10\n') },
    { name: 'SAM Api throttled in Globals', yaml: `${sam}Globals:\n  Api:\n    MethodSettings:\n      - ResourcePath: "/*"\n        HttpMethod: "*"\n        ThrottlingRateLimit: 100\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n` },
    { name: 'SAM Api with a throttled usage plan', yaml: `${sam}Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Auth:\n        ApiKeyRequired: true\n        UsagePlan:\n          CreateUsagePlan: PER_API\n          Throttle:\n            RateLimit: 100\n` },
    { name: 'SAM HttpApi with limits', yaml: `${sam}Resources:\n  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      DefaultRouteSettings:\n        ThrottlingBurstLimit: 50\n` },
    { name: 'method settings chosen by a condition: not judged', yaml: stage('      MethodSettings: !If\n        - Throttled\n        - - ResourcePath: "/*"\n            HttpMethod: "*"\n            ThrottlingRateLimit: 10\n        - !Ref AWS::NoValue\n').replace('Resources:', 'Parameters:\n  On:\n    Type: String\nConditions:\n  Throttled: !Equals [!Ref On, "yes"]\nResources:') },
  ],
  invalid: [
    {
      name: 'REST stage without method settings: fix adds stage-wide limits',
      yaml: stage(''),
      errors: [{ message: 'Stage Prod (prod) sets no throttling limit', resource: 'Prod', severity: 'info', text: 'Prod', line: 11 }],
      fixTitles: ['Throttle all methods (1000 requests/s, burst 500): tune to what the backend sustains'],
      output: stage('      MethodSettings:\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          ThrottlingRateLimit: 1000\n          ThrottlingBurstLimit: 500\n'),
    },
    {
      name: 'method settings for logging only: the /* entry gets the limits; options change them',
      yaml: stage('      MethodSettings:\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          LoggingLevel: INFO\n'),
      options: { 'apigateway-stage-no-throttling': { rateLimit: 50, burstLimit: 20 } },
      errors: [{ message: 'Stage Prod (prod) sets no throttling limit' }],
      output: stage('      MethodSettings:\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          LoggingLevel: INFO\n          ThrottlingRateLimit: 50\n          ThrottlingBurstLimit: 20\n'),
    },
    {
      name: 'method settings for one method only: a /* entry is appended',
      yaml: stage('      MethodSettings:\n        - ResourcePath: /orders\n          HttpMethod: GET\n          CachingEnabled: true\n'),
      errors: [{ message: 'Stage Prod (prod)' }],
      output: stage('      MethodSettings:\n        - ResourcePath: /orders\n          HttpMethod: GET\n          CachingEnabled: true\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          ThrottlingRateLimit: 1000\n          ThrottlingBurstLimit: 500\n'),
    },
    {
      name: 'usage plan without Throttle does not count',
      yaml: stage('') + '  Plan:\n    Type: AWS::ApiGateway::UsagePlan\n    Properties:\n      ApiStages:\n        - ApiId: !Ref Api\n          Stage: !Ref Prod\n      Quota:\n        Limit: 1000\n        Period: DAY\n',
      errors: [{ message: 'Stage Prod (prod)' }],
    },
    {
      name: 'deployment creating a stage',
      yaml: `${head}Resources:\n${api}      StageName: prod\n`,
      errors: [{ message: 'The stage prod that deployment Deployment creates sets no throttling limit', resource: 'Deployment', text: 'prod' }],
      output: `${head}Resources:\n${api}      StageName: prod\n      StageDescription:\n        ThrottlingRateLimit: 1000\n        ThrottlingBurstLimit: 500\n`,
    },
    {
      name: 'HTTP API stage: fix sets DefaultRouteSettings',
      yaml: v2('      DefaultRouteSettings:\n        DetailedMetricsEnabled: true\n'),
      errors: [{ message: 'Stage Default ($default) sets no throttling limit' }],
      output: v2('      DefaultRouteSettings:\n        DetailedMetricsEnabled: true\n        ThrottlingRateLimit: 1000\n        ThrottlingBurstLimit: 500\n'),
    },
    {
      name: 'SAM Api',
      yaml: `${sam}Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n`,
      errors: [{ message: 'API Api (stage prod) sets no throttling limit', text: 'Api' }],
      output: `${sam}Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      MethodSettings:\n        - ResourcePath: "/*"\n          HttpMethod: "*"\n          ThrottlingRateLimit: 1000\n          ThrottlingBurstLimit: 500\n`,
    },
    {
      name: 'SAM HttpApi without properties',
      yaml: `${sam}Resources:\n  Http:\n    Type: AWS::Serverless::HttpApi\n`,
      errors: [{ message: 'HTTP API Http sets no throttling limit' }],
      output: `${sam}Resources:\n  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      DefaultRouteSettings:\n        ThrottlingRateLimit: 1000\n        ThrottlingBurstLimit: 500\n`,
    },
  ],
});

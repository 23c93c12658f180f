import { ruleTester } from './tester';

ruleTester('schema-unknown-section', {
  valid: [
    {
      name: 'every section, and a top-level AWS::Include',
      yaml: `AWSTemplateFormatVersion: "2010-09-09"\nDescription: d\nMetadata: {}\nParameters: {}\nRules: {}\nMappings: {}\nConditions: {}\nTransform: AWS::Serverless-2016-10-31\nGlobals: {Function: {Timeout: 3}}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs: {}\nHooks: {}\nFn::Transform:\n  Name: AWS::Include\n  Parameters: {Location: s3://b/k}\n`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt section with a fix',
      yaml: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\nOutput:\n  Url:\n    Value: !Ref Q\n`,
      errors: [{ message: 'Output is not a template section. Did you mean Outputs?', text: 'Output', line: 5, resource: null }],
      fixTitles: ['Change to Outputs'],
      output: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  Url:\n    Value: !Ref Q\n`,
    },
    {
      name: 'Globals without SAM, and a key with no close section',
      yaml: `AWSTemplateFormatVersion: "2010-09-09"\nGlobals:\n  Function: {Timeout: 3}\nNotes: hi\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`,
      errors: [
        { message: 'Globals is a SAM section: it needs Transform: AWS::Serverless-2016-10-31.', text: 'Globals' },
        { message: 'Notes is not a template section.', text: 'Notes' },
      ],
    },
  ],
});

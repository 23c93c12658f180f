import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const source = (props = '') => `  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n${props}      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 5\n`;
const dlq = (props = '') => `  Dlq:\n    Type: AWS::SQS::Queue\n${props ? `    Properties:\n${props}` : ''}`;

ruleTester('sqs-dlq-retention-too-short', {
  valid: [
    { name: 'DLQ keeps messages 14 days, source the default 4', yaml: `${head}Resources:\n${source()}${dlq('      MessageRetentionPeriod: 1209600\n')}` },
    { name: 'FIFO source: the timestamp resets in the DLQ', yaml: `${head}Resources:\n${source('      FifoQueue: true\n')}${dlq('      FifoQueue: true\n')}` },
    { name: 'queue that is nobody\'s DLQ', yaml: `${head}Resources:\n${dlq()}` },
    { name: 'retention from a parameter without default', yaml: `${head}Parameters:\n  R:\n    Type: Number\nResources:\n${source()}${dlq('      MessageRetentionPeriod: !Ref R\n')}` },
  ],
  invalid: [
    {
      name: 'both at the default 4 days: set 14 days',
      yaml: `${head}Resources:\n${source()}${dlq()}`,
      errors: [{ message: "Dlq is the dead-letter queue of Orders but has the default retention of 4 days, no longer than Orders's default 4 days", resource: 'Dlq', text: 'Dlq', severity: 'warning' }],
      fixTitles: ['Set Dlq MessageRetentionPeriod to 1209600 (14 days)'],
      output: `${head}Resources:\n${source()}${dlq('      MessageRetentionPeriod: 1209600\n')}`,
    },
    {
      name: 'DLQ shorter than its source',
      yaml: `${head}Resources:\n${source('      MessageRetentionPeriod: 604800\n')}${dlq('      MessageRetentionPeriod: 86400\n')}`,
      errors: [{ message: "has a retention of 1 day, no longer than Orders's 7 days", text: '86400' }],
      output: `${head}Resources:\n${source('      MessageRetentionPeriod: 604800\n')}${dlq('      MessageRetentionPeriod: 1209600\n')}`,
    },
    {
      name: 'source already at 14 days: advise shortening it, no fix',
      yaml: `${head}Resources:\n${source('      MessageRetentionPeriod: 1209600\n')}${dlq('      MessageRetentionPeriod: 1209600\n')}`,
      errors: [{ message: "Shorten Orders's retention" }],
      fixTitles: [],
    },
    {
      name: 'source retention from a parameter default',
      yaml: `${head}Parameters:\n  Keep:\n    Type: Number\n    Default: 345600\nResources:\n${source('      MessageRetentionPeriod: !Ref Keep\n')}${dlq()}`,
      errors: [{ message: '(with parameter Keep at its default)' }],
    },
  ],
});

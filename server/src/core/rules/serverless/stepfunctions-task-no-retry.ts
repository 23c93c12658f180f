import { defineRule } from '../contract';
import { get, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import { AslState, StateMachineDefinition, stateMachines, taskResourceTarget } from '../../parse/state-machine';
import type { Template } from '../../parse/template';
import { FixBuilder } from '../../fix/builder';
import type { FixValue } from '../../fix/value';
import type { Fix } from '../../types';
import { WA } from '../well-architected';
import { present } from '../high-availability/_ha';

const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version']);

/** Step Functions' advice for Lambda tasks: retry the service's transient errors. */
const LAMBDA_RETRY: FixValue = [
  {
    ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
  },
];

/** Any other task: retry task failures (not timeouts) with exponential backoff and jitter. */
const TASK_RETRY: FixValue = [
  {
    ErrorEquals: ['States.TaskFailed'],
    IntervalSeconds: 2,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

/** A Retry/Catch that is there: a non-empty list, or anything computed (a condition, a substitution). */
/** Whether a Task state invokes a Lambda function: the optimized integration, a function ARN, or a function of the template. */
function invokesLambda(t: Template, def: StateMachineDefinition, state: AslState): boolean {
  const resource = get(state.body, 'Resource');
  // A literal ARN, or (in a definition written in the template) the text of an `!Sub` ARN.
  const sub = asIntrinsic(resource);
  const s = scalarString(resource) ?? (sub?.fn === 'Fn::Sub' ? scalarString(isSeq(sub.arg) ? sub.arg.items[0] : sub.arg) : undefined);
  if (s !== undefined && /^arn:[^:]*:states:::lambda:invoke/.test(s)) return true;
  if (s !== undefined && /^arn:.*:lambda:.*:function:/.test(s)) return true;
  const target = taskResourceTarget(def, resource);
  const type = target ? t.resources.get(target)?.type : undefined;
  return !!type && LAMBDA_TYPES.has(type);
}

export default defineRule({
  meta: {
    id: 'stepfunctions-task-no-retry',
    area: 'serverless',
    severity: 'warning',
    title: 'Step Functions Task state without Retry or Catch',
    fixable: true,
    docs: {
      summary:
        'A `Task` state of a Step Functions state machine with neither a `Retry` nor a `Catch` field. The definition is read wherever it is kept: a `Definition` object (`AWS::StepFunctions::StateMachine` or SAM `AWS::Serverless::StateMachine`), a `DefinitionString` JSON text (a plain string, a YAML block scalar, inside `Fn::Sub` or `Fn::Join`, or `Fn::ToJsonString`), and a SAM `DefinitionUri` naming a local file when the host can read it. States inside `Parallel` branches and `Map` processors (`ItemProcessor`, `Iterator`) are checked too. The finding is placed on the state\'s name inside the definition (inside the string, too); when a string cannot be mapped exactly, or the definition is in another file, it is placed on the property. Only `Task` states can fail on a service call: `Pass`, `Choice`, `Wait`, `Succeed` and `Fail` are not checked.',
      why: 'Without `Retry`, the first error of a task fails the state, and without `Catch` that failure fails the whole execution. Service calls fail transiently all the time: Lambda returns `ServiceException`, `SdkClientException` or `TooManyRequestsException` under load, AWS SDK integrations get throttled, containers fail to start. One such blip then aborts a long-running workflow that would have succeeded a second later, and whatever the workflow did before has to be cleaned up or re-run by hand.',
      fix: 'Add a `Retry` with exponential backoff to every `Task`. For Lambda tasks, retry the Lambda service\'s transient errors (`Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException`, `Lambda.ClientExecutionTimeoutException`) as AWS recommends; for other integrations retry `States.TaskFailed` with `BackoffRate` and `JitterStrategy: FULL`. Add a `Catch` that routes what is left to a compensation or notification state. The quick fix adds such a `Retry` when the definition is an object in the template; a definition in a string or a file is changed by hand. Retrying re-runs the task: make sure it is idempotent.',
      references: [
        { title: 'AWS Step Functions: Handling errors in Step Functions workflows (Retry, Catch)', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html' },
        { title: 'AWS Step Functions best practices: Handle Lambda service exceptions', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html' },
        { title: 'AWS::StepFunctions::StateMachine', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html' },
        { title: 'AWS SAM AWS::Serverless::StateMachine', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html' },
        WA.REL05_BP03,
        WA.REL05_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const def of stateMachines(t, ctx.readFile).definitions) {
      for (const state of def.states) {
        if (state.type !== 'Task') continue;
        if (present(get(state.body, 'Retry')) || present(get(state.body, 'Catch'))) continue;
        const lambda = invokesLambda(t, def, state);
        const where = [...state.within].reverse().map((w) => `, in ${w}`).join('');
        const file = def.file ? ` (in ${def.file})` : '';
        const effect = lambda
          ? 'a transient Lambda error (ServiceException, SdkClientException, throttling) fails the whole execution.'
          : 'one transient error of the service it calls (a throttle, a brief outage) fails the whole execution.';
        const message = `${lambda ? 'Lambda task' : 'Task'} state "${state.name}"${where} of state machine ${def.resource.id}${file} has neither Retry nor Catch: ${effect}`;
        const fixes: Fix[] = [];
        if (def.inTemplate) {
          const b = new FixBuilder(t).set(state.body, ['Retry'], lambda ? LAMBDA_RETRY : TASK_RETRY);
          const edits = b.build();
          if (edits) {
            fixes.push({
              title: lambda ? `Retry transient Lambda errors in "${state.name}" (6 attempts, exponential backoff)` : `Retry States.TaskFailed in "${state.name}" (3 attempts, exponential backoff with jitter)`,
              edits,
              preferred: true,
            });
          }
        }
        const r = def.place(state.key);
        ctx.report({ start: r.start, end: r.end, resource: def.resource.id, message, fixes });
      }
    }
  },
});

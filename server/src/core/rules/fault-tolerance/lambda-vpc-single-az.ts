import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { getPath } from '../../parse/node';
import type { Node } from '../../parse/node';
import { isNoValue, prop, rangeOf, singleZone, zoneParameterNote, zoneRelated, zoneSummary } from '../high-availability/_ha';

const FUNCTION = 'AWS::Lambda::Function';
const SAM_FUNCTION = 'AWS::Serverless::Function';

export default defineRule({
  meta: {
    id: 'lambda-vpc-single-az',
    area: 'fault-tolerance',
    severity: 'warning',
    title: 'Lambda function attached to subnets of one Availability Zone',
    fixable: false,
    docs: {
      summary:
        'An `AWS::Lambda::Function` or `AWS::Serverless::Function` whose `VpcConfig.SubnetIds` lists a single subnet or subnets that all resolve to one Availability Zone. For SAM functions without their own `VpcConfig.SubnetIds`, `Globals.Function.VpcConfig.SubnetIds` is checked once (the finding sits on the Globals entry and names the functions that inherit it). Subnets from list parameters, imports or subnets whose zone cannot be told produce no finding.',
      why: 'A function attached to a VPC runs only in the Availability Zones of its subnets, through network interfaces Lambda creates there. With one zone, an outage of that zone makes every invocation fail, although Lambda itself is a regional, multi-zone service and would otherwise keep the function available.',
      fix: 'List subnets in at least two Availability Zones (Lambda recommends at least two subnets for high availability), typically the private subnets of each zone with their own NAT gateway or VPC endpoints for outbound traffic.',
      references: [
        { title: 'AWS Lambda: giving functions access to resources in a VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        { title: 'AWS Lambda: resilience', url: 'https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html' },
        { title: 'AWS Security Hub Lambda.5 (VPC Lambda functions should operate in multiple Availability Zones)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5' },
        { title: 'AWS::Lambda::Function VpcConfig', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-vpcconfig.html' },
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const effect = 'an outage of that zone makes every invocation fail, although Lambda would otherwise run the function in the healthy zones.';
    const inheriting: string[] = [];
    for (const type of [FUNCTION, SAM_FUNCTION]) {
      for (const fn of t.resourcesByType.get(type) ?? []) {
        const own = prop(fn, 'VpcConfig', 'SubnetIds');
        if (!own && type === SAM_FUNCTION) {
          if (!isNoValue(prop(fn, 'VpcConfig'))) inheriting.push(fn.id);
          continue;
        }
        if (!own || isNoValue(own)) continue;
        const v = singleZone(t, own);
        if (!v) continue;
        ctx.report({ ...rangeOf(fn, own), resource: fn.id, message: `${fn.id} runs in ${zoneSummary(t, v)}${zoneParameterNote(v)}: ${effect}`, related: zoneRelated(t, v) });
      }
    }
    if (!inheriting.length) return;
    const globals = t.sections.get('Globals');
    const ids = getPath(globals?.value, ['Function', 'VpcConfig', 'SubnetIds']) as Node | undefined;
    if (!ids || isNoValue(ids)) return;
    const v = singleZone(t, ids);
    if (!v) return;
    const names = inheriting.length > 3 ? `${inheriting.slice(0, 3).join(', ')} and ${inheriting.length - 3} more` : inheriting.join(', ');
    ctx.report({
      start: ids.start,
      end: ids.end,
      resource: null,
      message: `Globals.Function.VpcConfig puts ${names} in ${zoneSummary(t, v)}${zoneParameterNote(v)}: ${effect}`,
      related: zoneRelated(t, v),
    });
  },
});

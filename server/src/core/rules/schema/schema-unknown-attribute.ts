import { defineRule } from '../contract';
import { asIntrinsic } from '../../parse/intrinsics';
import { isScalar, isSeq } from '../../parse/node';
import { getResourceType } from '../../spec/spec';
import { didYouMean } from '../../util/text';
import { isOpaqueType, nearNames } from './_check';
import { samShape } from '../../spec/sam';

export default defineRule({
  meta: {
    id: 'schema-unknown-attribute',
    area: 'schema',
    severity: 'error',
    title: 'GetAtt attribute the resource type does not have',
    fixable: true,
    cfnLint: ['E1010'],
    docs: {
      summary:
        'Fn::GetAtt (both the Res.Attr and the [Res, Attr] forms) and ${Res.Attr} inside Fn::Sub must name an attribute the target resource type returns (Arn, Endpoint.Address, StreamArn, …; names are case-sensitive). For AWS::Serverless::* resources the attributes are those of the resource SAM generates under the same logical ID (an AWS::Serverless::Function has the attributes of its AWS::Lambda::Function), plus the references SAM resolves itself (MyFunction.Alias, MyApi.Stage, …). An attribute that names one of the type\'s properties is accepted, because CloudFormation lets Fn::GetAtt read properties of many registry-backed types. Not checked: custom resources, registry modules and third-party types, nested stacks (Outputs.Name), resources SAM generates, and types the schema does not know.',
      why: 'CloudFormation rejects the template ("Template error: resource Bucket does not support attribute type Arnn in Fn::GetAtt"), and a value that never resolves cannot feed the alarm, the DNS failover record or the IAM policy that depends on it.',
      fix: 'Use an attribute the type returns (the quick fix offers the closest names). Many identifiers are what Ref returns rather than an attribute: use !Ref for those.',
      references: [
        { title: 'Fn::GetAtt', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html' },
        { title: 'Resource and property types reference (Return values of each type)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html' },
        { title: 'Referencing resources that AWS SAM generates', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const r of t.references) {
      if ((r.kind !== 'GetAtt' && r.kind !== 'Sub') || r.inForEach) continue;
      const res = t.resources.get(r.target);
      if (!res?.type) continue;
      const type = res.type;
      if (isOpaqueType(type) || type === 'AWS::CloudFormation::Stack') continue;
      const resource = r.from?.section === 'Resources' ? r.from.id : null;
      if (r.attribute === undefined) {
        if (r.kind !== 'GetAtt') continue;
        const arg = asIntrinsic(r.node)?.arg;
        const missing = isScalar(arg) || (isSeq(arg) && arg.items.length < 2);
        if (missing) ctx.report({ start: r.start, end: r.end, resource, message: `Fn::GetAtt ${r.target} names no attribute: write ${r.target}.AttributeName, or use Ref for the resource's identifier.` });
        continue;
      }
      const attr = r.attribute;
      let specType = type;
      let extra: readonly string[] = [];
      if (type.startsWith('AWS::Serverless::')) {
        const sam = samShape(type);
        if (!sam) continue;
        extra = sam.referable ?? [];
        if (extra.includes(attr.split('.')[0])) continue;
        if (!sam.generates) continue;
        specType = sam.generates;
      }
      const spec = getResourceType(specType);
      if (!spec) continue;
      if (Object.prototype.hasOwnProperty.call(spec.attributes, attr)) continue;
      // CloudFormation lets Fn::GetAtt read the properties of many registry-backed types
      // (AWS::EC2::SecurityGroup.GroupName, AWS::SQS::Queue.QueueName, …): not a certain error.
      if (Object.prototype.hasOwnProperty.call(spec.properties, attr.split('.')[0])) continue;
      const names = [...Object.keys(spec.attributes), ...extra];
      const near = nearNames(attr, names);
      const hint = didYouMean(near) || (names.length ? '' : ' It has no attributes: use Ref for its identifier.');
      const exact = r.attrStart !== undefined && r.attrEnd !== undefined && r.attrEnd > r.attrStart;
      const start = exact ? r.attrStart! : r.start;
      const end = exact ? r.attrEnd! : r.end;
      ctx.report({
        start,
        end,
        resource,
        message: `${r.target} (${type}) has no attribute ${attr}.${hint}`,
        fixes: exact && t.text.slice(start, end) === attr ? near.map((n) => ({ title: `Change to ${n}`, edits: [{ start, end, newText: n }], ...(near.length === 1 ? { preferred: true } : {}) })) : [],
      });
    }
  },
});

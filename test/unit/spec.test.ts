import * as assert from 'assert';
import * as path from 'path';
import {
  boundedDistance,
  docsUrlFor,
  getPropertyType,
  getResourceType,
  hasResourceType,
  objectTypesOf,
  parsePropertyPath,
  reloadSchema,
  resolvePath,
  resourceTypeNames,
  schemaInfo,
  suggestResourceType,
  TypeRef,
  typeToString,
} from '../../server/src/core/spec/spec';

const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';
const SAM = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/';

function ref(t: TypeRef | undefined): string {
  assert.ok(t, 'type expected');
  assert.strictEqual(t.kind, 'ref', `expected a ref, got ${JSON.stringify(t)}`);
  return t.name;
}

describe('spec: resource-type schema', () => {
  before(() => {
    reloadSchema();
    const info = schemaInfo();
    assert.strictEqual(info.error, undefined, `schema must load (run "node scripts/build-schema.mjs"): ${info.error}`);
  });

  describe('loading', () => {
    it('reports where the data came from', () => {
      const info = schemaInfo();
      assert.match(info.source ?? '', /^@aws-cdk\/aws-service-spec@\d+\.\d+\.\d+/);
      assert.strictEqual(info.format, 'cfn-resilience-schema/1');
      assert.ok(info.path && path.basename(info.path) === 'schema.json');
      assert.strictEqual(info.count, resourceTypeNames().length);
    });

    it('knows every CloudFormation and SAM resource type', () => {
      const names = resourceTypeNames();
      assert.ok(names.length >= 1800, `only ${names.length} types`);
      for (const n of ['AWS::Serverless::Function', 'AWS::Serverless::Api', 'AWS::Serverless::StateMachine', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'Alexa::ASK::Skill']) {
        assert.ok(names.includes(n), n);
        assert.ok(hasResourceType(n), n);
      }
      assert.deepStrictEqual([...names].sort(), [...names], 'sorted');
      assert.strictEqual(new Set(names).size, names.length, 'unique');
      assert.ok(Object.isFrozen(names));
    });

    it('is exact about names', () => {
      assert.strictEqual(hasResourceType('aws::s3::bucket'), false);
      assert.strictEqual(getResourceType('aws::s3::bucket'), undefined);
      assert.strictEqual(getResourceType('AWS::S3::Bukcet'), undefined);
      assert.strictEqual(getResourceType('Custom::Thing'), undefined);
      assert.strictEqual(getResourceType('constructor'), undefined);
      assert.strictEqual(getResourceType('__proto__'), undefined);
      assert.strictEqual(getResourceType(''), undefined);
    });
  });

  describe('resource types', () => {
    it('has documentation, docs link and service', () => {
      const b = getResourceType('AWS::S3::Bucket');
      assert.ok(b);
      assert.strictEqual(b.name, 'AWS::S3::Bucket');
      assert.strictEqual(b.service, 'AWS::S3');
      assert.match(b.documentation ?? '', /bucket/i);
      assert.strictEqual(b.docsUrl, `${CFN}aws-resource-s3-bucket.html`);
      assert.strictEqual(b.tagProperty, 'Tags');
    });

    it('lists required properties', () => {
      const subnet = getResourceType('AWS::EC2::Subnet');
      assert.ok(subnet);
      assert.ok(subnet.required.includes('VpcId'));
      assert.strictEqual(subnet.properties.VpcId.required, true);
      assert.strictEqual(subnet.properties.CidrBlock.required, false);

      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      assert.deepStrictEqual([...fn.required].sort(), ['Code', 'Role']);
      for (const r of fn.required) assert.strictEqual(fn.properties[r].required, true);
      const flagged = Object.values(fn.properties).filter((p) => p.required).map((p) => p.name);
      assert.deepStrictEqual(flagged, [...fn.required], 'required is in declaration order');
    });

    it('gives primitive types', () => {
      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      assert.deepStrictEqual(fn.properties.MemorySize.type, { kind: 'primitive', type: 'integer' });
      assert.deepStrictEqual(fn.properties.Handler.type, { kind: 'primitive', type: 'string' });
      assert.deepStrictEqual(fn.properties.Architectures.type, { kind: 'list', element: { kind: 'primitive', type: 'string' } });
      const role = getResourceType('AWS::IAM::Role');
      assert.ok(role);
      // Policy documents are free-form JSON (or a JSON string).
      const doc = role.properties.AssumeRolePolicyDocument.type;
      const members = doc.kind === 'union' ? doc.types : [doc];
      assert.ok(members.some((m) => m.kind === 'primitive' && m.type === 'json'), JSON.stringify(doc));
      const table = getResourceType('AWS::DynamoDB::Table');
      assert.ok(table);
      assert.strictEqual(table.properties.DeletionProtectionEnabled.type.kind, 'primitive');
      assert.strictEqual((table.properties.DeletionProtectionEnabled.type as { type: string }).type, 'boolean');
    });

    it('marks stateful types and SAM transforms', () => {
      assert.strictEqual(getResourceType('AWS::RDS::DBInstance')?.stateful, true);
      assert.strictEqual(getResourceType('AWS::DynamoDB::Table')?.stateful, true);
      assert.strictEqual(getResourceType('AWS::Lambda::Function')?.stateful, false);
      assert.strictEqual(getResourceType('AWS::Serverless::Function')?.transform, 'AWS::Serverless-2016-10-31');
      assert.strictEqual(getResourceType('AWS::Lambda::Function')?.transform, undefined);
    });

    it('has enum-like allowed values where the source lists them', () => {
      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      const pt = fn.properties.PackageType;
      assert.deepStrictEqual([...(pt.allowedValues ?? [])].sort(), ['Image', 'Zip']);
      assert.strictEqual(pt.type.kind, 'primitive');
      assert.deepStrictEqual(pt.type.kind === 'primitive' && [...(pt.type.allowedValues ?? [])].sort(), ['Image', 'Zip']);
      const bucket = getResourceType('AWS::S3::Bucket');
      assert.ok(bucket?.properties.AccessControl.allowedValues?.includes('Private'));
      assert.strictEqual(fn.properties.Handler.allowedValues, undefined);
      let enums = 0;
      for (const n of resourceTypeNames().slice(0, 400)) {
        for (const p of Object.values(getResourceType(n)?.properties ?? {})) if (p.allowedValues) enums++;
      }
      assert.ok(enums > 50, `only ${enums} enum properties in the first 400 types`);
    });

    it('carries deprecation, default values and previous types from the source', () => {
      let deprecated = 0;
      let previous = 0;
      let defaults = 0;
      for (const n of resourceTypeNames()) {
        for (const p of Object.values(getResourceType(n)?.properties ?? {})) {
          if (p.deprecated) deprecated++;
          if (p.previousTypes?.length) previous++;
          if (p.defaultValue !== undefined) defaults++;
        }
      }
      assert.ok(deprecated > 0, 'some deprecated properties');
      assert.ok(previous > 0, 'some previous types');
      assert.ok(defaults > 0, 'some defaults');
    });
  });

  describe('nested property types', () => {
    it('resolves AWS::Lambda::Function Code', () => {
      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      const name = ref(fn.properties.Code.type);
      assert.ok(fn.typeNames.includes(name));
      const code = getPropertyType('AWS::Lambda::Function', name);
      assert.ok(code);
      assert.strictEqual(code.name, 'Code');
      assert.strictEqual(code.resourceType, 'AWS::Lambda::Function');
      for (const p of ['S3Bucket', 'S3Key', 'ZipFile', 'ImageUri']) {
        assert.deepStrictEqual(code.properties[p]?.type, { kind: 'primitive', type: 'string' }, p);
      }
      assert.strictEqual(code.docsUrl, `${CFN}aws-properties-lambda-function-code.html`);
      assert.strictEqual(getPropertyType('AWS::Lambda::Function', 'NoSuchType'), undefined);
      assert.strictEqual(getPropertyType('AWS::Lambda::Function', 'constructor'), undefined);
      assert.strictEqual(getPropertyType('AWS::No::Such', 'Code'), undefined);
    });

    it('resolves AWS::AutoScaling::AutoScalingGroup Tags as a list of a nested type', () => {
      const asg = getResourceType('AWS::AutoScaling::AutoScalingGroup');
      assert.ok(asg);
      const tags = asg.properties.Tags.type;
      assert.strictEqual(tags.kind, 'list');
      const tagType = getPropertyType(asg.name, ref(tags.kind === 'list' ? tags.element : undefined));
      assert.ok(tagType);
      assert.deepStrictEqual([...tagType.required].sort(), ['Key', 'PropagateAtLaunch', 'Value']);
      assert.deepStrictEqual(tagType.properties.PropagateAtLaunch.type, { kind: 'primitive', type: 'boolean' });
      assert.notStrictEqual(tagType.builtinTag, true);
    });

    it('models the built-in Tag as a nested type', () => {
      const b = getResourceType('AWS::S3::Bucket');
      assert.ok(b);
      const t = b.properties.Tags.type;
      assert.strictEqual(t.kind, 'list');
      const tag = getPropertyType(b.name, ref(t.kind === 'list' ? t.element : undefined));
      assert.ok(tag);
      assert.strictEqual(tag.builtinTag, true);
      assert.deepStrictEqual([...tag.required], ['Key', 'Value']);
      assert.strictEqual(tag.docsUrl, `${CFN}aws-properties-resource-tags.html`);
    });

    it('walks property paths', () => {
      const s3 = resolvePath('AWS::Lambda::Function', ['Code', 'S3Bucket']);
      assert.ok(s3);
      assert.strictEqual(s3.property?.name, 'S3Bucket');
      assert.strictEqual(s3.owner?.name, 'Code');
      assert.strictEqual(s3.opaque, false);
      assert.deepStrictEqual(s3.type, { kind: 'primitive', type: 'string' });

      const top = resolvePath('AWS::Lambda::Function', 'Code');
      assert.strictEqual(top?.property?.name, 'Code');
      assert.strictEqual(top?.owner, undefined);

      const key = resolvePath('AWS::AutoScaling::AutoScalingGroup', 'Tags[0].PropagateAtLaunch');
      assert.strictEqual(key?.property?.name, 'PropagateAtLaunch');
      assert.strictEqual(key?.owner?.name, 'TagProperty');
      assert.deepStrictEqual(resolvePath('AWS::AutoScaling::AutoScalingGroup', ['Tags', 0, 'Key'])?.property, key?.owner?.properties.Key);

      const element = resolvePath('AWS::AutoScaling::AutoScalingGroup', 'Tags.0');
      assert.ok(element);
      assert.strictEqual(element.property, undefined);
      assert.strictEqual(ref(element.type), 'TagProperty');

      const envVar = resolvePath('AWS::Lambda::Function', ['Environment', 'Variables', 'TABLE_NAME']);
      assert.deepStrictEqual(envVar?.type, { kind: 'primitive', type: 'string' });
      assert.strictEqual(envVar?.property, undefined);
    });

    it('answers undefined for paths that do not exist', () => {
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'Nope'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'Code.Nope'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'Code[0]'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'Handler.X'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'constructor'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', 'Code.toString'), undefined);
      assert.strictEqual(resolvePath('AWS::Lambda::Function', []), undefined);
      assert.strictEqual(resolvePath('AWS::No::Such', 'Code'), undefined);
    });

    it('marks free-form JSON as opaque', () => {
      const r = resolvePath('AWS::IAM::Role', ['AssumeRolePolicyDocument', 'Statement', 0, 'Effect']);
      assert.ok(r);
      assert.strictEqual(r.opaque, true);
      assert.strictEqual(resolvePath('AWS::IAM::Role', 'AssumeRolePolicyDocument')?.opaque, false);
    });

    it('follows unions (SAM)', () => {
      const fn = getResourceType('AWS::Serverless::Function');
      assert.ok(fn);
      const codeUri = fn.properties.CodeUri.type;
      assert.strictEqual(codeUri.kind, 'union');
      assert.strictEqual(typeToString(codeUri), 'String | S3Location');
      assert.deepStrictEqual(objectTypesOf(fn.name, codeUri).map((t) => t.name), ['S3Location']);

      const events = fn.properties.Events.type;
      assert.strictEqual(events.kind, 'map');
      const queue = resolvePath(fn.name, 'Events.MyQueue.Properties.Queue');
      assert.ok(queue);
      assert.strictEqual(queue.owner?.name, 'SQSEvent');
      assert.strictEqual(queue.property?.required, true);
      const eventProps = resolvePath(fn.name, 'Events.MyQueue.Properties');
      assert.ok(eventProps);
      const kinds = objectTypesOf(fn.name, eventProps.type).map((t) => t.name);
      assert.ok(kinds.includes('SQSEvent') && kinds.includes('S3Event') && kinds.includes('ApiEvent'), kinds.join());
    });

    it('splits path strings', () => {
      assert.deepStrictEqual(parsePropertyPath('Tags[0].Key'), ['Tags', 0, 'Key']);
      assert.deepStrictEqual(parsePropertyPath('Tags.0.Key'), ['Tags', 0, 'Key']);
      assert.deepStrictEqual(parsePropertyPath('A.B[1][2].C'), ['A', 'B', 1, 2, 'C']);
    });
  });

  describe('attributes', () => {
    it('includes nested attribute names', () => {
      const db = getResourceType('AWS::RDS::DBInstance');
      assert.ok(db);
      for (const a of ['Endpoint.Address', 'Endpoint.Port', 'DBInstanceArn']) {
        assert.ok(db.attributes[a], a);
        assert.strictEqual(db.attributes[a].name, a);
      }
      assert.deepStrictEqual(db.attributes['Endpoint.Address'].type, { kind: 'primitive', type: 'string' });
    });

    it('has the SQS queue attributes', () => {
      const q = getResourceType('AWS::SQS::Queue');
      assert.ok(q);
      assert.ok(q.attributes.Arn);
      assert.ok(q.attributes.QueueName);
      assert.match(q.attributes.Arn.documentation ?? '', /ARN|Amazon Resource Name/);
      assert.strictEqual(q.attributes.Nope, undefined);
      assert.strictEqual(q.attributes.constructor, undefined, 'null-prototype records');
      assert.strictEqual(q.properties.toString, undefined, 'null-prototype records');
    });
  });

  describe('laziness and caching', () => {
    it('returns the cached objects on later lookups', () => {
      const a = getResourceType('AWS::SNS::Topic');
      const b = getResourceType('AWS::SNS::Topic');
      assert.ok(a);
      assert.strictEqual(a, b);
      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      const c1 = getPropertyType(fn.name, 'Code');
      const c2 = getPropertyType(fn.name, 'Code');
      assert.ok(c1);
      assert.strictEqual(c1, c2);
      assert.strictEqual(resolvePath(fn.name, 'Code.S3Bucket')?.owner, c1);
    });

    it('hands out frozen objects', () => {
      const fn = getResourceType('AWS::Lambda::Function');
      assert.ok(fn);
      assert.ok(Object.isFrozen(fn));
      assert.ok(Object.isFrozen(fn.properties));
      assert.ok(Object.isFrozen(fn.properties.Code));
      assert.ok(Object.isFrozen(fn.required));
      assert.ok(Object.isFrozen(fn.attributes));
    });

    it('degrades to "unknown" when the schema is missing, and recovers on reload', () => {
      try {
        reloadSchema(path.join(__dirname, 'no-such-dir', 'schema.json'));
        assert.match(schemaInfo().error ?? '', /not found/);
        assert.deepStrictEqual(resourceTypeNames(), []);
        assert.strictEqual(getResourceType('AWS::S3::Bucket'), undefined);
        assert.deepStrictEqual(suggestResourceType('AWS::S3::Bukcet'), []);
        assert.strictEqual(docsUrlFor('AWS::S3::Bucket'), undefined);
      } finally {
        reloadSchema();
      }
      assert.strictEqual(schemaInfo().error, undefined);
      assert.ok(getResourceType('AWS::S3::Bucket'));
    });
  });

  describe('did you mean', () => {
    const cases: [string, string][] = [
      ['AWS::S3::Bukcet', 'AWS::S3::Bucket'],
      ['aws::s3::bucket', 'AWS::S3::Bucket'],
      ['AWS::Lambda::Functon', 'AWS::Lambda::Function'],
      ['AWS::Lamda::Function', 'AWS::Lambda::Function'],
      ['AWS::DynamoDB::Tabel', 'AWS::DynamoDB::Table'],
      ['AWS::EC2::Instances', 'AWS::EC2::Instance'],
      ['AWS:S3:Bucket', 'AWS::S3::Bucket'],
      ['S3::Bucket', 'AWS::S3::Bucket'],
      ['AWS::Serverless::Functions', 'AWS::Serverless::Function'],
      ['AWS::SQS::Queu', 'AWS::SQS::Queue'],
      ['AWS::RDS::DbInstance', 'AWS::RDS::DBInstance'],
    ];
    for (const [input, want] of cases) {
      it(`${input} -> ${want}`, () => {
        const got = suggestResourceType(input);
        assert.strictEqual(got[0], want, `got ${JSON.stringify(got)}`);
        assert.ok(got.length <= 3);
      });
    }

    it('completes a known service prefix', () => {
      const got = suggestResourceType('AWS::EC2::Security');
      assert.ok(got.includes('AWS::EC2::SecurityGroup'), JSON.stringify(got));
    });

    it('suggests nothing for far-off names', () => {
      assert.deepStrictEqual(suggestResourceType('AWS::Foo::Bar'), []);
      assert.deepStrictEqual(suggestResourceType('Custom::MyThing'), []);
      assert.deepStrictEqual(suggestResourceType(''), []);
    });

    it('honours max', () => {
      assert.strictEqual(suggestResourceType('AWS::EC2::Security', 1).length, 1);
    });

    it('bounded distance counts transpositions and stops early', () => {
      assert.strictEqual(boundedDistance('bucket', 'bukcet', 3), 1);
      assert.strictEqual(boundedDistance('function', 'functon', 3), 1);
      assert.strictEqual(boundedDistance('abc', 'abc', 0), 0);
      assert.strictEqual(boundedDistance('kitten', 'sitting', 3), 3);
      assert.strictEqual(boundedDistance('kitten', 'sitting', 2), 3);
      assert.strictEqual(boundedDistance('a', 'abcdefgh', 2), 3);
    });
  });

  describe('docs links', () => {
    it('links resources, properties and nested types', () => {
      assert.strictEqual(docsUrlFor('AWS::Lambda::Function'), `${CFN}aws-resource-lambda-function.html`);
      assert.strictEqual(docsUrlFor('AWS::Lambda::Function', ['Runtime']), `${CFN}aws-resource-lambda-function.html#cfn-lambda-function-runtime`);
      assert.strictEqual(
        docsUrlFor('AWS::Lambda::Function', 'Code.S3Bucket'),
        `${CFN}aws-properties-lambda-function-code.html#cfn-lambda-function-code-s3bucket`,
      );
      assert.strictEqual(docsUrlFor('AWS::S3::Bucket', 'Tags[0].Key'), `${CFN}aws-properties-resource-tags.html#cfn-resource-tags-key`);
      assert.strictEqual(docsUrlFor('AWS::S3::Bucket', 'Tags[0]'), `${CFN}aws-resource-s3-bucket.html#cfn-s3-bucket-tags`);
      assert.strictEqual(docsUrlFor('Alexa::ASK::Skill'), `${CFN}alexa-resource-ask-skill.html`);
    });

    it('links SAM resource pages', () => {
      assert.strictEqual(docsUrlFor('AWS::Serverless::Function'), `${SAM}sam-resource-function.html`);
      assert.strictEqual(docsUrlFor('AWS::Serverless::Function', 'CodeUri'), `${SAM}sam-resource-function.html#sam-function-codeuri`);
      assert.strictEqual(docsUrlFor('AWS::Serverless::HttpApi'), `${SAM}sam-resource-httpapi.html`);
    });

    it('falls back to the innermost known level, and is undefined for unknown types', () => {
      assert.strictEqual(docsUrlFor('AWS::Lambda::Function', 'Nope'), `${CFN}aws-resource-lambda-function.html`);
      assert.strictEqual(docsUrlFor('AWS::No::Such'), undefined);
    });
  });

  describe('typeToString', () => {
    it('renders like the AWS docs', () => {
      const asg = getResourceType('AWS::AutoScaling::AutoScalingGroup');
      assert.strictEqual(typeToString(asg!.properties.Tags.type), 'List of TagProperty');
      assert.strictEqual(typeToString(getResourceType('AWS::Lambda::Function')!.properties.MemorySize.type), 'Integer');
      assert.strictEqual(typeToString({ kind: 'map', element: { kind: 'primitive', type: 'string' } }), 'Map of String');
    });
  });
});

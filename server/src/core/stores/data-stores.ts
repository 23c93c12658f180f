/**
 * Data stores, as the disaster-recovery rules (and the recovery model) see them: which
 * resource types hold state, what CloudFormation does with them when they are deleted or
 * replaced, whether AWS Backup can protect them and how their ARNs are written, where their
 * tags are, and which S3 buckets hold data rather than logs, build artifacts or website
 * content (decided from the dependency graph, never from names). Shared by the
 * disaster-recovery rules and the recovery model; not a value resolver: values across
 * `Fn::If`/parameters come from graph/resolve.ts.
 *
 * Sources: CloudFormation "DeletionPolicy attribute" (defaults: Snapshot for
 * `AWS::RDS::DBCluster` and for `AWS::RDS::DBInstance` without `DBClusterIdentifier`, Delete for
 * everything else; UpdateReplacePolicy always defaults to Delete), spec/policies.ts (types
 * that accept Snapshot), AWS Backup "Supported AWS resources and third-party applications"
 * and the ARN formats of the "Service Authorization Reference".
 */
import { Node, ScalarValue, get, isMap, isScalar, isSeq, scalarString } from '../parse/node';
import { asIntrinsic } from '../parse/intrinsics';
import type { Resource, Template } from '../parse/template';
import type { Graph, PathPattern } from '../graph/graph';
import { supportsSnapshot } from '../spec/policies';
import { FixValue, Intrinsic, sub } from '../fix/value';
import { Check, Outcome, absent, asBoolean, checkValue, describe, isNoValue, judge, possibleValues, prop, stringValues } from '../graph/resolve';

export type StoreKind = 'database' | 'table' | 'volume' | 'file-system' | 'cache' | 'search' | 'warehouse' | 'bucket';

/** How AWS Backup names a resource of this type: `arn:<partition>:<service>:<region>:<account>:<prefix><name>`. */
export interface BackupArn {
  service: string;
  /** Resource part before the name: `table/`, `db:`, `cluster:`, `volume/`, `file-system/` ('' for S3). */
  prefix: string;
  /** Property that names the resource (absent: the name is always generated, e.g. vol-…). */
  nameProperty?: string;
  /** The service stores the name in lower case (RDS, Redshift identifiers). */
  lowercase?: boolean;
  /** S3 ARNs have no region or account. */
  global?: boolean;
  /** The value to list in a backup selection's `Resources` for the resource `id`. */
  arn: (id: string) => FixValue;
}

export interface StoreType {
  type: string;
  /** "RDS DB instance", "DynamoDB table", … (for messages). */
  label: string;
  /** What the data is called in messages: "the database", "the table and its items". */
  what: string;
  kind: StoreKind;
  /** DeletionPolicy/UpdateReplacePolicy `Snapshot` is accepted for this type (from spec/policies.ts, the one list). */
  snapshot: boolean;
  /** What CloudFormation does on deletion when `DeletionPolicy` is absent. */
  defaultDeletion: 'Delete' | 'Snapshot';
  /** AWS Backup can protect resources of this type. */
  backup?: BackupArn;
  /** Where the tags are: a list of `{Key, Value}` or (SAM) a map. */
  tags?: { property: string; shape: 'list' | 'map' };
}

/** `!GetAtt [Id, Attr]` (the list form reads the same in YAML and JSON). */
const attr = (id: string, name: string): FixValue => new Intrinsic('Fn::GetAtt', [id, name]);
const rdsArn = (kind: 'db' | 'cluster') => (id: string) => sub(`arn:\${AWS::Partition}:rds:\${AWS::Region}:\${AWS::AccountId}:${kind}:\${${id}}`);
const LIST_TAGS = { property: 'Tags', shape: 'list' } as const;

const TYPES: Omit<StoreType, 'snapshot'>[] = [
  {
    type: 'AWS::RDS::DBInstance',
    label: 'RDS DB instance',
    what: 'the database',
    kind: 'database',
    defaultDeletion: 'Snapshot',
    backup: { service: 'rds', prefix: 'db:', nameProperty: 'DBInstanceIdentifier', lowercase: true, arn: (id) => attr(id, 'DBInstanceArn') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::RDS::DBCluster',
    label: 'RDS DB cluster',
    what: 'the database',
    kind: 'database',
    defaultDeletion: 'Snapshot',
    backup: { service: 'rds', prefix: 'cluster:', nameProperty: 'DBClusterIdentifier', lowercase: true, arn: (id) => attr(id, 'DBClusterArn') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::DocDB::DBCluster',
    label: 'DocumentDB cluster',
    what: 'the database',
    kind: 'database',
    defaultDeletion: 'Delete',
    backup: { service: 'rds', prefix: 'cluster:', nameProperty: 'DBClusterIdentifier', lowercase: true, arn: rdsArn('cluster') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::Neptune::DBCluster',
    label: 'Neptune cluster',
    what: 'the graph database',
    kind: 'database',
    defaultDeletion: 'Delete',
    backup: { service: 'rds', prefix: 'cluster:', nameProperty: 'DBClusterIdentifier', lowercase: true, arn: rdsArn('cluster') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::Redshift::Cluster',
    label: 'Redshift cluster',
    what: 'the data warehouse',
    kind: 'warehouse',
    defaultDeletion: 'Delete',
    backup: {
      service: 'redshift',
      prefix: 'cluster:',
      nameProperty: 'ClusterIdentifier',
      lowercase: true,
      arn: (id) => sub(`arn:\${AWS::Partition}:redshift:\${AWS::Region}:\${AWS::AccountId}:cluster:\${${id}}`),
    },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::EC2::Volume',
    label: 'EBS volume',
    what: 'the volume and its data',
    kind: 'volume',
    defaultDeletion: 'Delete',
    backup: { service: 'ec2', prefix: 'volume/', arn: (id) => sub(`arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:volume/\${${id}}`) },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::EFS::FileSystem',
    label: 'EFS file system',
    what: 'the file system and its files',
    kind: 'file-system',
    defaultDeletion: 'Delete',
    backup: { service: 'elasticfilesystem', prefix: 'file-system/', arn: (id) => attr(id, 'Arn') },
    tags: { property: 'FileSystemTags', shape: 'list' },
  },
  {
    type: 'AWS::FSx::FileSystem',
    label: 'FSx file system',
    what: 'the file system and its files',
    kind: 'file-system',
    defaultDeletion: 'Delete',
    backup: { service: 'fsx', prefix: 'file-system/', arn: (id) => attr(id, 'ResourceARN') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::DynamoDB::Table',
    label: 'DynamoDB table',
    what: 'the table and its items',
    kind: 'table',
    defaultDeletion: 'Delete',
    backup: { service: 'dynamodb', prefix: 'table/', nameProperty: 'TableName', arn: (id) => attr(id, 'Arn') },
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::DynamoDB::GlobalTable',
    label: 'DynamoDB global table',
    what: 'the table and its items in every replica',
    kind: 'table',
    defaultDeletion: 'Delete',
    backup: { service: 'dynamodb', prefix: 'table/', nameProperty: 'TableName', arn: (id) => attr(id, 'Arn') },
  },
  {
    type: 'AWS::Serverless::SimpleTable',
    label: 'DynamoDB table (SAM SimpleTable)',
    what: 'the table and its items',
    kind: 'table',
    defaultDeletion: 'Delete',
    backup: { service: 'dynamodb', prefix: 'table/', nameProperty: 'TableName', arn: (id) => sub(`arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${${id}}`) },
    tags: { property: 'Tags', shape: 'map' },
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    label: 'ElastiCache replication group',
    what: 'the cached data',
    kind: 'cache',
    defaultDeletion: 'Delete',
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    label: 'ElastiCache cluster',
    what: 'the cached data',
    kind: 'cache',
    defaultDeletion: 'Delete',
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::MemoryDB::Cluster',
    label: 'MemoryDB cluster',
    what: 'the database',
    kind: 'database',
    defaultDeletion: 'Delete',
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::OpenSearchService::Domain',
    label: 'OpenSearch domain',
    what: 'the indexes',
    kind: 'search',
    defaultDeletion: 'Delete',
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::Elasticsearch::Domain',
    label: 'Elasticsearch domain',
    what: 'the indexes',
    kind: 'search',
    defaultDeletion: 'Delete',
    tags: LIST_TAGS,
  },
  {
    type: 'AWS::S3::Bucket',
    label: 'S3 bucket',
    what: 'the bucket and its objects',
    kind: 'bucket',
    defaultDeletion: 'Delete',
    backup: { service: 's3', prefix: '', nameProperty: 'BucketName', global: true, arn: (id) => attr(id, 'Arn') },
    tags: LIST_TAGS,
  },
];

/** Every stateful resource type, by CloudFormation type name. */
export const STORE_TYPES: ReadonlyMap<string, StoreType> = new Map(TYPES.map((s) => [s.type, { ...s, snapshot: supportsSnapshot(s.type) }]));

/** The policy to recommend for a type: Snapshot where CloudFormation can take one, else Retain. */
export function protectivePolicy(store: StoreType): 'Snapshot' | 'Retain' {
  return store.snapshot ? 'Snapshot' : 'Retain';
}

// ---------------------------------------------------------------------------------------
// Which resources are data stores

/** Present in at least one case (a read replica in some deployments counts as a read replica). */
export function maybePresent(t: Template, n: Node | undefined): boolean {
  if (absent(n)) return false;
  return possibleValues(t, n).cases.some((c) => c.outcome.kind !== 'novalue');
}

/** An RDS DB instance that belongs to a cluster (Aurora, whose data is the cluster's) or is a read replica. */
export function rdsInstanceWithoutOwnData(t: Template, res: Resource): boolean {
  if (res.type !== 'AWS::RDS::DBInstance') return false;
  if (!absent(prop(res, 'DBClusterIdentifier'))) return true;
  if (maybePresent(t, prop(res, 'SourceDBInstanceIdentifier')) || maybePresent(t, prop(res, 'SourceDBClusterIdentifier'))) return true;
  const engines = stringValues(t, prop(res, 'Engine'));
  return !!engines && engines.every((e) => e.toLowerCase().startsWith('aurora'));
}

/** An ElastiCache cluster running Redis OSS or Valkey (Memcached keeps nothing on disk and has no snapshots). */
export function cacheWithData(t: Template, res: Resource): boolean {
  if (res.type === 'AWS::ElastiCache::ReplicationGroup') return true;
  const engines = stringValues(t, prop(res, 'Engine'));
  return !!engines && engines.some((e) => /^(redis|valkey)$/i.test(e));
}

export type BucketRole =
  | { role: 'data' }
  /** Logs, build artifacts or website content: reproducible, or kept for audit by other means. */
  | { role: 'logs' | 'artifacts' | 'website'; evidence: string };

interface RoleRule {
  role: 'logs' | 'artifacts' | 'website';
  fromType: string;
  path: PathPattern;
  what: (source: string) => string;
  /** Extra test on the written reference (e.g. the load balancer attribute's key). */
  accept?: (source: Resource, path: (string | number)[]) => boolean;
}

const ELB_LOG_KEYS = new Set(['access_logs.s3.bucket', 'connection_logs.s3.bucket', 'health_check_logs.s3.bucket']);

const ROLE_RULES: RoleRule[] = [
  { role: 'logs', fromType: 'AWS::S3::Bucket', path: ['Properties', 'LoggingConfiguration', 'DestinationBucketName'], what: (s) => `server access logs of bucket ${s}` },
  { role: 'logs', fromType: 'AWS::CloudTrail::Trail', path: ['Properties', 'S3BucketName'], what: (s) => `log files of trail ${s}` },
  { role: 'logs', fromType: 'AWS::ElasticLoadBalancing::LoadBalancer', path: ['Properties', 'AccessLoggingPolicy', 'S3BucketName'], what: (s) => `access logs of load balancer ${s}` },
  {
    role: 'logs',
    fromType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    path: ['Properties', 'LoadBalancerAttributes', '*', 'Value'],
    what: (s) => `logs of load balancer ${s}`,
    accept: (source, path) => {
      const item = prop(source, 'LoadBalancerAttributes', path[2] as number);
      const key = scalarString(get(item, 'Key'));
      return !!key && ELB_LOG_KEYS.has(key);
    },
  },
  { role: 'logs', fromType: 'AWS::CloudFront::Distribution', path: ['Properties', 'DistributionConfig', 'Logging'], what: (s) => `access logs of distribution ${s}` },
  { role: 'logs', fromType: 'AWS::EC2::FlowLog', path: ['Properties', 'LogDestination'], what: (s) => `flow logs of ${s}` },
  { role: 'logs', fromType: 'AWS::Config::DeliveryChannel', path: ['Properties', 'S3BucketName'], what: (s) => `AWS Config history delivered by ${s}` },
  { role: 'logs', fromType: 'AWS::WAFv2::LoggingConfiguration', path: ['Properties', 'LogDestinationConfigs'], what: (s) => `web ACL logs of ${s}` },
  { role: 'artifacts', fromType: 'AWS::CodePipeline::Pipeline', path: ['Properties', 'ArtifactStore'], what: (s) => `artifact store of pipeline ${s}` },
  { role: 'artifacts', fromType: 'AWS::CodePipeline::Pipeline', path: ['Properties', 'ArtifactStores'], what: (s) => `artifact store of pipeline ${s}` },
  { role: 'artifacts', fromType: 'AWS::CodeBuild::Project', path: ['Properties', 'Artifacts'], what: (s) => `build artifacts of project ${s}` },
  { role: 'artifacts', fromType: 'AWS::CodeBuild::Project', path: ['Properties', 'SecondaryArtifacts'], what: (s) => `build artifacts of project ${s}` },
  { role: 'artifacts', fromType: 'AWS::CodeBuild::Project', path: ['Properties', 'Cache'], what: (s) => `build cache of project ${s}` },
  { role: 'artifacts', fromType: 'AWS::Athena::WorkGroup', path: ['Properties', 'WorkGroupConfiguration', 'ResultConfiguration'], what: (s) => `query results of workgroup ${s}` },
  { role: 'website', fromType: 'AWS::CloudFront::Distribution', path: ['Properties', 'DistributionConfig', 'Origins'], what: (s) => `content served by distribution ${s}` },
];

/**
 * What an S3 bucket is for, from the template: a static website (`WebsiteConfiguration`, the
 * origin of a CloudFront distribution, or a bucket named like a Route 53 record of the template,
 * as buckets serving a site under its domain must be), a log bucket (`AccessControl: LogDeliveryWrite`, the
 * destination of access logs, trails, flow logs, load balancer or CloudFront logs, AWS Config,
 * WAF logs), a bucket of build artifacts or query results (CodePipeline, CodeBuild, Athena); any
 * other bucket holds data. Website content and artifacts are rebuilt from their sources; logs
 * are kept for audit, usually with their own retention rules.
 */
export function bucketRole(t: Template, g: Graph, res: Resource): BucketRole {
  if (!absent(prop(res, 'WebsiteConfiguration'))) return { role: 'website', evidence: 'it hosts a static website (WebsiteConfiguration)' };
  const acl = stringValues(t, prop(res, 'AccessControl'));
  if (acl && acl.every((a) => a === 'LogDeliveryWrite')) return { role: 'logs', evidence: 'it receives log deliveries (AccessControl: LogDeliveryWrite)' };
  const site = dnsRecordNamedLike(t, prop(res, 'BucketName'));
  if (site) return { role: 'website', evidence: `it is named after the DNS name served by record ${site} (a bucket that serves a site under its own domain must carry the domain's name)` };
  for (const rule of ROLE_RULES) {
    for (const r of g.referencesAt(res.id, rule.path, { fromType: rule.fromType })) {
      const source = t.resources.get(r.source);
      if (!source || (rule.accept && !rule.accept(source, r.path))) continue;
      return { role: rule.role, evidence: `it holds the ${rule.what(r.source)}` };
    }
  }
  return { role: 'data' };
}

/** A value as comparable text: literal names lower-cased without the final dot, anything else as written (intrinsics in long form). */
function nameKey(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (isScalar(n)) return n.value === null ? undefined : String(n.value).toLowerCase().replace(/\.$/, '');
  const data = (x: Node): unknown => (isScalar(x) ? x.value : isSeq(x) ? x.items.map(data) : Object.fromEntries(x.pairs.map((p) => [String(p.key.value), data(p.value)])));
  return JSON.stringify(data(n));
}

/** Two values written the same way (same literal, or the same intrinsic with the same arguments). */
export function writtenAlike(a: Node | undefined, b: Node | undefined): boolean {
  const ka = nameKey(a);
  return ka !== undefined && ka === nameKey(b) && (isScalar(a) === isScalar(b));
}

/** The logical ID of a Route 53 record of the template whose Name is written like `bucketName`. */
function dnsRecordNamedLike(t: Template, bucketName: Node | undefined): string | undefined {
  const key = nameKey(bucketName);
  if (key === undefined) return undefined;
  for (const r of t.resourcesByType.get('AWS::Route53::RecordSet') ?? []) if (nameKey(prop(r, 'Name')) === key) return r.id;
  for (const r of t.resourcesByType.get('AWS::Route53::RecordSetGroup') ?? []) {
    const sets = prop(r, 'RecordSets');
    if (isSeq(sets) && sets.items.some((i) => nameKey(get(i, 'Name')) === key)) return r.id;
  }
  return undefined;
}

export interface DataStore {
  resource: Resource;
  store: StoreType;
}

/**
 * The resource as a data store, or undefined when it holds no data of its own: an RDS instance
 * of a cluster or a read replica, a Memcached cluster, an S3 bucket for logs, artifacts or a
 * website (see `bucketRole`).
 */
export function dataStoreOf(t: Template, g: Graph, res: Resource): DataStore | undefined {
  const store = res.type ? STORE_TYPES.get(res.type) : undefined;
  if (!store || unreadable(res)) return undefined;
  if (rdsInstanceWithoutOwnData(t, res)) return undefined;
  if (store.kind === 'cache' && !cacheWithData(t, res)) return undefined;
  if (store.kind === 'bucket' && bucketRole(t, g, res).role !== 'data') return undefined;
  return { resource: res, store };
}

/**
 * `Properties` that cannot be read: not a map (a list or a scalar, which the schema rules
 * report) or chosen as a whole by an intrinsic function. Rules say nothing about such resources.
 */
export function unreadable(res: Resource): boolean {
  const n = get(res.value, 'Properties');
  if (!n || (isScalar(n) && n.value === null)) return false;
  return !isMap(n) || !!asIntrinsic(n, true);
}

/** Every data store of the template, in source order. */
export function dataStores(t: Template, g: Graph): DataStore[] {
  const out: DataStore[] = [];
  for (const res of t.resources.values()) {
    const d = dataStoreOf(t, g, res);
    if (d) out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// DeletionPolicy / UpdateReplacePolicy

export type PolicyAttribute = 'DeletionPolicy' | 'UpdateReplacePolicy';

/** The attribute's node (absent: undefined). */
export function policyNode(res: Resource, attr: PolicyAttribute): Node | undefined {
  return attr === 'DeletionPolicy' ? res.deletionPolicy : res.updateReplacePolicy;
}

/**
 * Whether the attribute keeps the data: Retain, Snapshot (or RetainExceptOnCreate for
 * DeletionPolicy), or absent where the type's default is Snapshot. Values from parameters and
 * `Fn::If` are judged case by case (see `checkValue`); invalid values are left to the schema rule.
 */
export function policyCheck(t: Template, res: Resource, attr: PolicyAttribute, store: StoreType): Check {
  const node = policyNode(res, attr);
  const fallback = attr === 'DeletionPolicy' ? store.defaultDeletion : 'Delete';
  const isGood = (v: ScalarValue | undefined): boolean | undefined => {
    const s = v === undefined || v === null ? fallback : String(v);
    if (s === 'Retain' || s === 'Snapshot' || (s === 'RetainExceptOnCreate' && attr === 'DeletionPolicy')) return true;
    if (s === 'Delete') return false;
    return undefined;
  };
  return checkValue(t, node, isGood, `not set (default ${fallback})`, store.snapshot ? 'Snapshot or Retain' : 'Retain');
}

// ---------------------------------------------------------------------------------------
// Tags

export type TagValue = { known: true; value: string } | { known: false };

/**
 * The tags a resource declares (key -> value), or undefined when they cannot be read (the
 * property is built with an intrinsic, or the type keeps no tags). Values that come from
 * parameters or functions are `{ known: false }`.
 */
export function resourceTags(t: Template, res: Resource, store: StoreType | undefined): Map<string, TagValue> | undefined {
  const spec = store?.tags ?? LIST_TAGS;
  const n = prop(res, spec.property);
  const out = new Map<string, TagValue>();
  if (!n) return out;
  const valueOf = (v: Node | undefined): TagValue => {
    if (isScalar(v)) return { known: true, value: v.value === null ? '' : String(v.value) };
    const pv = possibleValues(t, v);
    if (!pv.unknown && !pv.noValue && pv.values.length === 1) return { known: true, value: String(pv.values[0]) };
    return { known: false };
  };
  if (spec.shape === 'map') {
    if (!isMap(n) || asIntrinsic(n, true)) return undefined;
    for (const p of n.pairs) out.set(String(p.key.value), valueOf(p.value));
    return out;
  }
  if (!isSeq(n)) return undefined;
  for (const item of n.items) {
    if (!isMap(item) || asIntrinsic(item, true)) {
      if (asIntrinsic(item)?.fn === 'Ref' && scalarString(asIntrinsic(item)!.arg) === 'AWS::NoValue') continue;
      return undefined;
    }
    const key = scalarString(get(item, 'Key'));
    if (key === undefined) return undefined;
    out.set(key, valueOf(get(item, 'Value')));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Values inside a property map that may itself be chosen by `Fn::If`

/**
 * `checkValue` for `key` inside the map `container` (e.g. `Status` inside
 * `VersioningConfiguration`), also when the map itself comes from `Fn::If` or is
 * `AWS::NoValue`: every case is judged, an absent map or key meaning `isGood(undefined)`.
 */
export function checkIn(t: Template, container: Node | undefined, key: string, isGood: (v: ScalarValue | undefined) => boolean | undefined, absentText: string, goodText?: string): Check {
  if (!container || isNoValue(container)) return checkValue(t, undefined, isGood, absentText, goodText);
  if (!asIntrinsic(container)) {
    const inner = get(container, key);
    return checkValue(t, inner && !isNoValue(inner) ? inner : undefined, isGood, absentText, goodText);
  }
  const pv = possibleValues(t, container);
  const judgeOutcome = (o: Outcome): boolean | undefined => {
    if (o.kind === 'novalue') return isGood(undefined);
    if (o.kind !== 'node' || !isMap(o.node)) return undefined;
    const inner = get(o.node, key);
    if (!inner || isNoValue(inner)) return isGood(undefined);
    return isScalar(inner) ? isGood(inner.value) : undefined;
  };
  const v = judge(pv, judgeOutcome);
  if (v.bad === 'never') return { status: 'good' };
  if (v.bad === 'unknown') return { status: 'unknown' };
  if (v.bad === 'always') {
    const shown = new Set<string>();
    for (const c of pv.cases) {
      const inner = c.outcome.kind === 'node' ? get(c.outcome.node, key) : undefined;
      shown.add(inner && isScalar(inner) ? String(inner.value) : 'not set');
    }
    return { status: 'bad', how: [...shown].join(' or '), literal: false };
  }
  if (v.badByDefault === false) return { status: 'good' };
  const text = describe(pv, judgeOutcome, '\u0000');
  if (!text) return { status: 'unknown' };
  return { status: 'conditional', phrase: text.replace('\u0000', '').trim() };
}

/** `checkIn` for a boolean that must be true, absent meaning false. */
export function mustBeTrueIn(t: Template, container: Node | undefined, key: string): Check {
  return checkIn(t, container, key, (v) => (v === undefined ? false : (asBoolean(v) ?? undefined)), 'not set, default false', 'true');
}


/**
 * A custom resource of the template that receives the store (a reference in its properties)
 * together with a property about backups (`SnapshotRetentionLimit`, `BackupRetention`, …): it
 * presumably configures the store's backups through the API, where the template cannot see
 * (a pattern from before CloudFormation supported the property). Its logical ID, or undefined.
 */
export function backupsSetByCustomResource(t: Template, g: Graph, res: Resource): string | undefined {
  for (const id of g.resourcesReferencing(res.id)) {
    const c = t.resources.get(id);
    if (!c?.type || !(c.type.startsWith('Custom::') || c.type === 'AWS::CloudFormation::CustomResource')) continue;
    if (!g.referencesAt(res.id, ['Properties'], { fromType: c.type }).some((r) => r.source === id)) continue;
    if (c.properties?.pairs.some((p) => /snapshot|retention|backup/i.test(String(p.key.value)))) return id;
  }
  return undefined;
}

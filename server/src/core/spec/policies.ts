/**
 * Values of the `DeletionPolicy` and `UpdateReplacePolicy` resource attributes, and the
 * resource types on which `Snapshot` is allowed. Shared by the schema rules (invalid
 * values) and the disaster-recovery rules (which policy to recommend).
 *
 * Source: the AWS CloudFormation User Guide, "DeletionPolicy attribute" and
 * "UpdateReplacePolicy attribute"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html,
 * .../aws-attribute-updatereplacepolicy.html); cfn-lint's E3035/E3036 use the same list.
 */

/** Values `DeletionPolicy` accepts (`Snapshot` only on `SNAPSHOT_RESOURCE_TYPES`). */
export const DELETION_POLICIES: readonly string[] = Object.freeze(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** Values `UpdateReplacePolicy` accepts (`RetainExceptOnCreate` is a DeletionPolicy only). */
export const UPDATE_REPLACE_POLICIES: readonly string[] = Object.freeze(['Delete', 'Retain', 'Snapshot']);

/**
 * Resource types for which CloudFormation can take a snapshot before deleting or
 * replacing the resource (`DeletionPolicy: Snapshot`, `UpdateReplacePolicy: Snapshot`).
 */
export const SNAPSHOT_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'AWS::DocDB::DBCluster',
  'AWS::EC2::Volume',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Neptune::DBCluster',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
]);

/** Does `type` support `Snapshot` as its DeletionPolicy / UpdateReplacePolicy? */
export function supportsSnapshot(type: string | undefined): boolean {
  return type !== undefined && SNAPSHOT_RESOURCE_TYPES.has(type);
}

/** The policies valid for a resource of `type` (`attribute` = which attribute). */
export function validPolicies(attribute: 'DeletionPolicy' | 'UpdateReplacePolicy', type: string | undefined): string[] {
  const all = attribute === 'DeletionPolicy' ? DELETION_POLICIES : UPDATE_REPLACE_POLICIES;
  return all.filter((p) => p !== 'Snapshot' || supportsSnapshot(type));
}

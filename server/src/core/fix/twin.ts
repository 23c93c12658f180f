/**
 * Adding a second DB instance to a cluster (the aurora-cluster-single-instance quick fix and the
 * recovery report's improvement): the new instance's ID and what is not copied from the first.
 */

/** Properties that identify one instance and must not be copied to its twin. */
export const NOT_COPIED: readonly string[] = ['DBInstanceIdentifier', 'AvailabilityZone', 'PromotionTier', 'DBSnapshotIdentifier', 'SourceDBInstanceIdentifier'];

/** The base of a twin's logical ID: `DbPrimary` -> `DbReplica`, `Writer` -> `Reader`, `Db1` -> `Db2`, else `<id>Replica`. */
export function twinId(id: string): string {
  if (/Primary/.test(id)) return id.replace(/Primary/, 'Replica');
  if (/Writer/.test(id)) return id.replace(/Writer/, 'Reader');
  const m = /^(.*?)(\d+)$/.exec(id);
  if (m) return `${m[1]}${Number(m[2]) + 1}`;
  return `${id}Replica`;
}

import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const rg = (props: string, id = 'Cache') => `  ${id}:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: orders cache\n      Engine: valkey\n      CacheNodeType: cache.r7g.large\n${props}`;

ruleTester('elasticache-no-failover', {
  valid: [
    { name: 'two nodes, failover and Multi-AZ', yaml: `${head}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}` },
    { name: 'cluster mode with one replica per shard', yaml: `${head}Resources:\n${rg('      NumNodeGroups: 3\n      ReplicasPerNodeGroup: 1\n      AutomaticFailoverEnabled: "true"\n      MultiAZEnabled: "true"\n')}` },
    { name: 'built from an existing primary: the node count is not known', yaml: `${head}Resources:\n${rg('      PrimaryClusterId: orders-001\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}` },
    { name: 'parameters whose defaults are highly available', yaml: `${head}Parameters:\n  Ha:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\n  Nodes:\n    Type: Number\n    Default: 3\nResources:\n${rg('      NumCacheClusters: !Ref Nodes\n      AutomaticFailoverEnabled: !Ref Ha\n      MultiAZEnabled: !Ref Ha\n')}` },
    { name: 'failover with nodes placed in two zones: Multi-AZ in effect without the flag', yaml: `${head}Mappings:\n  Zones:\n    us-east-1:\n      A: us-east-1a\n      B: us-east-1b\nResources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      PreferredCacheClusterAZs:\n        - !FindInMap [Zones, !Ref AWS::Region, A]\n        - !FindInMap [Zones, !Ref AWS::Region, B]\n')}` },
    { name: 'serverless cache is Multi-AZ by design', yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      ServerlessCacheName: orders\n      Engine: valkey\n` },
  ],
  invalid: [
    {
      name: 'nothing set: one finding listing the three, the fix adds a replica and enables both',
      yaml: `${head}Resources:\n${rg('      Port: 6379\n')}`,
      errors: [
        {
          message: 'Cache cannot fail over to another Availability Zone (AutomaticFailoverEnabled not set, default false; MultiAZEnabled not set, default false; NumCacheClusters not set, default 1: no replica): when a primary node or its AZ fails, its data is unavailable and lost',
          severity: 'warning',
          resource: 'Cache',
          text: 'Cache',
          line: 3,
        },
      ],
      fixTitles: ['Add a replica (NumCacheClusters: 2) and enable automatic failover and Multi-AZ'],
      output: `${head}Resources:\n${rg('      Port: 6379\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n      NumCacheClusters: 2\n')}`,
    },
    {
      name: 'one node and failover off: values replaced in place',
      yaml: `${head}Resources:\n${rg('      NumCacheClusters: 1\n      AutomaticFailoverEnabled: false\n      MultiAZEnabled: false\n')}`,
      errors: [{ message: '(AutomaticFailoverEnabled is false; MultiAZEnabled is false; NumCacheClusters is 1: no replica)' }],
      output: `${head}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}`,
    },
    {
      name: 'replicas but no failover',
      yaml: `${head}Resources:\n${rg('      NumCacheClusters: 3\n      MultiAZEnabled: false\n')}`,
      errors: [{ message: 'when the primary node fails, no replica is promoted and writes fail until ElastiCache replaces the node' }],
      fixTitles: ['Enable automatic failover and Multi-AZ'],
      output: `${head}Resources:\n${rg('      NumCacheClusters: 3\n      MultiAZEnabled: true\n      AutomaticFailoverEnabled: true\n')}`,
    },
    {
      name: 'failover on, Multi-AZ flag missing: informational',
      yaml: `${head}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n')}`,
      errors: [{ message: '(MultiAZEnabled not set, default false): ElastiCache does not ensure the replicas are in other AZs than the primary', severity: 'info', text: 'Cache' }],
      output: `${head}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}`,
    },
    {
      name: 'cluster mode without replicas: no fix (the replica count replaces the group)',
      yaml: `${head}Resources:\n${rg('      NumNodeGroups: 2\n      ReplicasPerNodeGroup: 0\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}`,
      errors: [{ message: '(ReplicasPerNodeGroup is 0: no replica)', text: '0' }],
      fixTitles: [],
    },
    {
      name: 'node group configuration with a shard without replica',
      yaml: `${head}Resources:\n${rg('      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n      NodeGroupConfiguration:\n        - NodeGroupId: "0001"\n          ReplicaCount: 1\n        - NodeGroupId: "0002"\n          ReplicaCount: 0\n')}`,
      errors: [{ message: '(ReplicaCount is 0 in some shards: no replica)', line: 15 }],
      fixTitles: [],
    },
    {
      name: 'failover from a parameter defaulting to false: informational, no fix',
      yaml: `${head}Parameters:\n  Ha:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: !Ref Ha\n      MultiAZEnabled: !Ref Ha\n')}`,
      errors: [{ message: '(AutomaticFailoverEnabled is false unless parameter Ha is true; MultiAZEnabled is false unless parameter Ha is true)', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'definite and parameter-driven problems together: a warning, no fix',
      yaml: `${head}Parameters:\n  Nodes:\n    Type: Number\n    Default: 1\n    AllowedValues: [1, 2]\nResources:\n${rg('      NumCacheClusters: !Ref Nodes\n')}`,
      errors: [{ message: 'NumCacheClusters is below 2 unless parameter Nodes is 2', severity: 'warning' }],
      fixTitles: [],
    },
    {
      name: 'zones listed for one node: no fix (they must match the node count)',
      yaml: `${head}Resources:\n${rg('      PreferredCacheClusterAZs: [us-east-1a]\n')}`,
      errors: [{ message: 'NumCacheClusters not set, default 1: no replica' }],
      fixTitles: [],
    },
  ],
});

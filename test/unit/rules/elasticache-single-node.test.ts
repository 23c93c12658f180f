import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const cc = (props: string, id = 'Cache') => `  ${id}:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      CacheNodeType: cache.t4g.small\n${props}`;

ruleTester('elasticache-single-node', {
  valid: [
    { name: 'Memcached across AZs', yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 3\n      AZMode: cross-az\n')}` },
    { name: 'Memcached nodes placed in two zones', yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 2\n      PreferredAvailabilityZones: [us-east-1a, us-east-1b]\n')}` },
    { name: 'Redis node that is the primary of a replication group', yaml: `${head}Resources:\n${cc('      Engine: redis\n      NumCacheNodes: 1\n', 'Primary')}  Group:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: g\n      PrimaryClusterId: !Ref Primary\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n` },
    { name: 'engine from a parameter without default', yaml: `${head}Parameters:\n  Engine:\n    Type: String\nResources:\n${cc('      Engine: !Ref Engine\n      NumCacheNodes: 1\n')}` },
    { name: 'Memcached zone mode chosen by a parameter', yaml: `${head}Parameters:\n  Mode:\n    Type: String\n    Default: cross-az\n    AllowedValues: [single-az, cross-az]\nResources:\n${cc('      Engine: memcached\n      NumCacheNodes: 2\n      AZMode: !Ref Mode\n')}` },
    { name: 'serverless cache', yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      ServerlessCacheName: c\n      Engine: redis\n` },
  ],
  invalid: [
    {
      name: 'Redis OSS cache cluster',
      yaml: `${head}Resources:\n${cc('      Engine: redis\n      NumCacheNodes: 1\n')}`,
      errors: [{ message: 'Cache is a single Redis OSS node with no replica: when the node or its Availability Zone fails, the cache is unavailable and its data lost', resource: 'Cache', text: 'Cache', line: 3 }],
    },
    {
      name: 'Valkey cache cluster',
      yaml: `${head}Resources:\n${cc('      Engine: valkey\n      NumCacheNodes: 1\n')}`,
      errors: [{ message: 'single Valkey node' }],
    },
    {
      name: 'one Memcached node',
      yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 1\n      AZMode: single-az\n')}`,
      errors: [{ message: 'Cache is a single Memcached node: when it or its Availability Zone fails, the whole cache is lost at once', text: '1' }],
    },
    {
      name: 'several Memcached nodes, zone mode not set',
      yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 3\n')}`,
      errors: [{ message: 'Cache places its 3 Memcached nodes in one Availability Zone (AZMode not set, default single-az)', text: 'Cache' }],
    },
    {
      name: 'several Memcached nodes in one zone, written out',
      yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 2\n      AZMode: single-az\n')}`,
      errors: [{ message: '(AZMode single-az)', text: 'single-az' }],
    },
    {
      name: 'several Memcached nodes all placed in the same zone',
      yaml: `${head}Resources:\n${cc('      Engine: memcached\n      NumCacheNodes: 2\n      PreferredAvailabilityZones: [us-east-1a, us-east-1a]\n')}`,
      errors: [{ message: 'places its 2 Memcached nodes in one Availability Zone' }],
    },
  ],
});

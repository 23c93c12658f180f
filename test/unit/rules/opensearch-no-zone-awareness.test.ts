import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const os = (cluster: string, extra = '', id = 'Search') =>
  `  ${id}:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.13\n${cluster ? `      ClusterConfig:\n${cluster}` : ''}${extra}`;

ruleTester('opensearch-no-zone-awareness', {
  valid: [
    { name: 'zone-aware over three AZs with dedicated masters', yaml: `${head}Resources:\n${os('        InstanceType: r6g.large.search\n        InstanceCount: 3\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 3\n        DedicatedMasterEnabled: true\n        DedicatedMasterCount: 3\n')}` },
    { name: 'zone-aware over two AZs', yaml: `${head}Resources:\n${os('        InstanceCount: 2\n        ZoneAwarenessEnabled: "true"\n')}` },
    { name: 'Multi-AZ with Standby', yaml: `${head}Resources:\n${os('        InstanceCount: 3\n        MultiAZWithStandbyEnabled: true\n')}` },
    { name: 'Elasticsearch domain, zone-aware', yaml: `${head}Resources:\n  Legacy:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchClusterConfig:\n        InstanceCount: 4\n        ZoneAwarenessEnabled: true\n` },
    { name: 'cluster configuration chosen by a condition: not guessed', yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      ClusterConfig: !If\n        - IsProd\n        - {InstanceCount: 3, ZoneAwarenessEnabled: true, ZoneAwarenessConfig: {AvailabilityZoneCount: 3}}\n        - {InstanceCount: 1}\n` },
    { name: 'parameters whose defaults are zone-aware', yaml: `${head}Parameters:\n  Nodes:\n    Type: Number\n    Default: 2\n    AllowedValues: [1, 2, 4]\n  Za:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nResources:\n${os('        InstanceCount: !Ref Nodes\n        ZoneAwarenessEnabled: !Ref Za\n')}` },
  ],
  invalid: [
    {
      name: 'no cluster configuration at all: one node in one AZ; the fix creates the configuration',
      yaml: `${head}Resources:\n${os('', '      EBSOptions:\n        EBSEnabled: true\n        VolumeSize: 20\n')}`,
      errors: [{ message: 'Search is not zone-aware (ZoneAwarenessEnabled not set, default false; InstanceCount not set, default 1 data node): every data node and every copy of a shard can sit in one Availability Zone', severity: 'warning', text: 'Search', line: 3 }],
      fixTitles: ['Enable zone awareness over 2 Availability Zones with 2 data nodes'],
      output: `${head}Resources:\n${os('', '      EBSOptions:\n        EBSEnabled: true\n        VolumeSize: 20\n      ClusterConfig:\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 2\n        InstanceCount: 2\n')}`,
    },
    {
      name: 'four nodes without zone awareness: enable it over two AZs; the production advice is given',
      yaml: `${head}Resources:\n${os('        InstanceType: r6g.large.search\n        InstanceCount: 4\n        ZoneAwarenessEnabled: false\n')}`,
      errors: [{ message: /\(ZoneAwarenessEnabled is false\).*For production, AWS recommends three AZs with three dedicated master nodes\.$/, text: 'false' }],
      fixTitles: ['Enable zone awareness over 2 Availability Zones'],
      output: `${head}Resources:\n${os('        InstanceType: r6g.large.search\n        InstanceCount: 4\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 2\n')}`,
    },
    {
      name: 'three nodes: three AZs',
      yaml: `${head}Resources:\n${os('        InstanceCount: 3\n')}`,
      errors: [{ message: '(ZoneAwarenessEnabled not set, default false)' }],
      output: `${head}Resources:\n${os('        InstanceCount: 3\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 3\n')}`,
    },
    {
      name: 'zone-aware with three AZs and masters but a single node: no production advice',
      yaml: `${head}Resources:\n${os('        InstanceCount: 1\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 3\n        DedicatedMasterEnabled: true\n')}`,
      errors: [{ message: /^Search is not zone-aware \(InstanceCount is 1\): a single data node holds every shard with no replica.*keeps serving\.$/, text: '1' }],
      fixTitles: ['Use 3 data nodes over 3 Availability Zones'],
      output: `${head}Resources:\n${os('        InstanceCount: 3\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 3\n        DedicatedMasterEnabled: true\n')}`,
    },
    {
      name: 'in a VPC with two subnets: two AZs',
      yaml: `${head}Resources:\n${os('        InstanceCount: 2\n', '      VPCOptions:\n        SubnetIds: [subnet-0a1, subnet-0b2]\n')}`,
      errors: [{ message: 'ZoneAwarenessEnabled not set' }],
      output: `${head}Resources:\n${os('        InstanceCount: 2\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 2\n', '      VPCOptions:\n        SubnetIds: [subnet-0a1, subnet-0b2]\n')}`,
    },
    {
      name: 'in a VPC with one subnet: no fix (a subnet in another AZ is needed)',
      yaml: `${head}Resources:\n${os('        InstanceCount: 2\n', '      VPCOptions:\n        SubnetIds: [subnet-0a1]\n')}`,
      errors: [{ message: 'ZoneAwarenessEnabled not set' }],
      fixTitles: [],
    },
    {
      name: 'five nodes cannot be spread evenly: no fix',
      yaml: `${head}Resources:\n${os('        InstanceCount: 5\n')}`,
      errors: [{ message: 'ZoneAwarenessEnabled not set' }],
      fixTitles: [],
    },
    {
      name: 'Elasticsearch domain',
      yaml: `${head}Resources:\n  Legacy:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchClusterConfig:\n        InstanceCount: 2\n`,
      errors: [{ message: 'Legacy is not zone-aware (ZoneAwarenessEnabled not set, default false)', resource: 'Legacy' }],
      output: `${head}Resources:\n  Legacy:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchClusterConfig:\n        InstanceCount: 2\n        ZoneAwarenessEnabled: true\n        ZoneAwarenessConfig:\n          AvailabilityZoneCount: 2\n`,
    },
    {
      name: 'zone awareness from a parameter defaulting to false: informational',
      yaml: `${head}Parameters:\n  Za:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${os('        InstanceCount: 2\n        ZoneAwarenessEnabled: !Ref Za\n')}`,
      errors: [{ message: '(ZoneAwarenessEnabled is false unless parameter Za is true)', severity: 'info' }],
      fixTitles: [],
    },
  ],
});

import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const rs = (props: string) => `  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      DBName: analytics\n      MasterUsername: admin\n      ManageMasterPassword: true\n${props}`;

ruleTester('redshift-single-node', {
  valid: [
    { name: 'RA3 multi-node Multi-AZ', yaml: `${head}Resources:\n${rs('      ClusterType: multi-node\n      NodeType: ra3.xlplus\n      NumberOfNodes: 4\n      MultiAZ: true\n      Encrypted: true\n')}` },
    { name: 'DC2 multi-node (Multi-AZ is RA3 only)', yaml: `${head}Resources:\n${rs('      ClusterType: multi-node\n      NodeType: dc2.large\n      NumberOfNodes: 2\n')}` },
    { name: 'node count from a parameter without default', yaml: `${head}Parameters:\n  Nodes:\n    Type: Number\nResources:\n${rs('      ClusterType: multi-node\n      NodeType: dc2.large\n      NumberOfNodes: !Ref Nodes\n')}` },
    { name: 'cluster type from a parameter that allows both', yaml: `${head}Parameters:\n  Kind:\n    Type: String\n    Default: multi-node\n    AllowedValues: [single-node, multi-node]\nResources:\n${rs('      ClusterType: !Ref Kind\n      NodeType: dc2.large\n')}` },
  ],
  invalid: [
    {
      name: 'single-node cluster type',
      yaml: `${head}Resources:\n${rs('      ClusterType: single-node\n      NodeType: dc2.large\n')}`,
      errors: [{ message: 'Warehouse is a single-node Redshift cluster: its one node is also the leader', severity: 'warning', resource: 'Warehouse', text: 'single-node', line: 9 }],
    },
    {
      name: 'one node',
      yaml: `${head}Resources:\n${rs('      ClusterType: multi-node\n      NodeType: ra3.large\n      NumberOfNodes: 1\n')}`,
      errors: [{ message: 'single-node Redshift cluster', text: '1' }],
    },
    {
      name: 'RA3 multi-node without Multi-AZ: informational',
      yaml: `${head}Resources:\n${rs('      ClusterType: multi-node\n      NodeType: ra3.4xlarge\n      NumberOfNodes: 2\n')}`,
      errors: [{ message: 'Warehouse runs in a single Availability Zone (MultiAZ not set, default false): an outage of that AZ', severity: 'info', text: 'Warehouse' }],
    },
    {
      name: 'RA3 multi-node with MultiAZ false',
      yaml: `${head}Resources:\n${rs('      ClusterType: multi-node\n      NodeType: ra3.16xlarge\n      NumberOfNodes: 2\n      MultiAZ: false\n')}`,
      errors: [{ message: '(MultiAZ is false)', severity: 'info', text: 'false' }],
    },
  ],
});

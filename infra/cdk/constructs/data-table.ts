import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../../functions/store/table';

/**
 * The single table, built from the store's own definition (functions/store/table.ts) so keys and indexes
 * cannot drift from the code that reads them. The physical name is left to CloudFormation (functions get it
 * as TABLE_NAME), so several counties can deploy stacks into one account; DEFAULT_TABLE_NAME is the local
 * stack's name only.
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The ledger history is the product: never lose it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        // ALL: the index queries (projects by unit+stage, weekly snapshots) return whole items for the list
        // and report views; KEYS_ONLY would turn each page into a follow-up BatchGetItem per 100 items.
        projectionType: ProjectionType.ALL,
      });
    }
  }
}

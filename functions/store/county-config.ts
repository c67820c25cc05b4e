/** The county configuration (PK=CONFIG, SK=COUNTY), stored as given; the app validates it. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CONFIG_KEY } from './keys';
import type { TableIO } from './table-io';

export class ConfigRecord {
  constructor(private readonly io: TableIO) {}

  async getConfig(): Promise<unknown | null> {
    const out = await this.io.doc.send(new GetCommand({ TableName: this.io.table, Key: { ...CONFIG_KEY } }));
    return out.Item ? out.Item.config : null;
  }

  async putConfig(config: unknown): Promise<void> {
    await this.io.put({ ...CONFIG_KEY, config, updatedAt: new Date().toISOString() });
  }
}

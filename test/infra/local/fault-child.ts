/**
 * `npm start` (infra/local/main.ts) with a fault: the process stops writing at a chosen point of a sync and
 * prints FAULT, so the test can kill -9 it exactly there. FAULT=commit:<n>: after n events are appended, no more
 * are (those after hang); FAULT=settle: every event of the chunk is appended, and no STATE is written.
 */
import { DynamoStore } from '../../../functions/store/dynamo';

const fault = process.env.FAULT ?? '';
const hang = (): Promise<never> => {
  process.stdout.write('FAULT reached\n');
  return new Promise<never>(() => undefined);
};
if (fault === 'settle') {
  DynamoStore.prototype.settleStates = () => hang();
} else if (fault.startsWith('commit:')) {
  const limit = Number(fault.slice('commit:'.length));
  const commit = DynamoStore.prototype.commit;
  let done = 0;
  DynamoStore.prototype.commit = async function (this: DynamoStore, event) {
    if (done >= limit) return hang();
    done++;
    return commit.call(this, event);
  };
}
void import('../../../infra/local/main');

/**
 * `npm start` (infra/local/main.ts) with a fault: the process stops writing at a chosen point of a sync and
 * prints FAULT, so the test can kill -9 it exactly there. FAULT=commit:<n>: once n events are appended, no more
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
  // Writes run 32 at a time: the fault is reached only once the first `limit` appends have all finished, so the
  // kill comes with exactly that many events stored (counting calls would kill some of them in flight).
  let started = 0;
  let finished = 0;
  let allFinished!: () => void;
  const limitReached = new Promise<void>((ok) => (allFinished = ok));
  DynamoStore.prototype.commit = async function (this: DynamoStore, event) {
    if (started >= limit) {
      await limitReached;
      return hang();
    }
    started++;
    try {
      return await commit.call(this, event);
    } finally {
      if (++finished === limit) allFinished();
    }
  };
}
void import('../../../infra/local/main');

/** allEnded: Promise.all's answer, given only once every promise has ended. */
import { allEnded } from '../../../functions/app/pool';

const later = <T>(value: T, ms: number, ended: string[], name: string) =>
  new Promise<T>((resolve) => setTimeout(() => {
    ended.push(name);
    resolve(value);
  }, ms));

describe('allEnded', () => {
  it('answers every value, in input order', async () => {
    const ended: string[] = [];
    const [a, b, c] = await allEnded([later(1, 20, ended, 'a'), later('two', 5, ended, 'b'), undefined]);
    expect([a, b, c]).toEqual([1, 'two', undefined]);
    expect(ended).toEqual(['b', 'a']);
  });

  it('rejects with the first failure in input order, and only after the slower siblings ended', async () => {
    const ended: string[] = [];
    const failing = (message: string, ms: number) => later(null, ms, ended, message).then(() => Promise.reject(new Error(message)));
    await expect(allEnded([later(1, 40, ended, 'slow'), failing('second', 10), failing('third', 1)])).rejects.toThrow('second');
    expect(ended.sort()).toEqual(['second', 'slow', 'third']);
  });
});

/**
 * office-addin-mock, made strict: its OfficeMockObject answers a read of an unloaded property with a sentinel
 * string ("Error, property was not loaded") and an unknown member with undefined. Wrapped here so both throw and
 * fail the test instead.
 */
import { OfficeMockObject } from 'office-addin-mock';

const SENTINELS = ['Error, property was not loaded', 'Error, context.sync() was not called'];
/** Members JS itself probes (await, jest's printing) that may be absent without being a bug. */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

export function strict<T extends object>(target: T, path = 'mock'): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof prop === 'symbol' || PROBED.has(prop)) return value;
      const where = `${path}.${prop}`;
      if (typeof value === 'string' && SENTINELS.includes(value)) throw new Error(`${where}: ${value}`);
      if (value === undefined && !(prop in obj)) throw new Error(`${where} is not part of the mocked Office.js API`);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          const result = value.apply(obj, args);
          return result instanceof OfficeMockObject ? strict(result, `${where}()`) : result;
        };
      }
      if (Array.isArray(value)) return value.map((v, i) => (v instanceof OfficeMockObject ? strict(v, `${where}[${i}]`) : v));
      return value instanceof OfficeMockObject ? strict(value, where) : value;
    },
  });
}

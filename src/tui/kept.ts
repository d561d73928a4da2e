/**
 * The value kept in `map` for `key`, worked out by `work` the first time it is asked for: what the
 * views keep per result, per run or per list (a WeakMap lets it go with its key).
 */
export function keptIn<K, V>(
  map: {get(key: K): V | undefined; set(key: K, value: V): unknown},
  key: K,
  work: () => V,
): V {
  let value = map.get(key);
  if (value === undefined) {
    value = work();
    map.set(key, value);
  }
  return value;
}

import { createRegistry } from '../catalog/registry';
import { CompiledCache } from './compiled-cache';

const blueprint = (value: string) => ({
  flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value } }],
  metadata: { integrator: { format: 1 } },
});

describe('compiled scenarios cache', () => {
  test('serves each scenario version its own compiled blueprint, however runs alternate', () => {
    const cache = new CompiledCache(createRegistry());
    const one = blueprint('one');
    const two = blueprint('two');
    const first = cache.get(1, 1, one);
    // The same version again is the same compiled object (compiled once, never per run).
    expect(cache.get(1, 1, one)).toBe(first);
    // Another version, or another scenario, right after it is never served the last one.
    const second = cache.get(1, 2, two);
    expect(second).not.toBe(first);
    expect(second.blueprint).toBe(two);
    const other = cache.get(2, 1, two);
    expect(other).not.toBe(first);
    expect(other).not.toBe(second);
    expect(other.blueprint).toBe(two);
    expect(cache.get(1, 1, one)).toBe(first);
    expect(cache.get(1, 2, two)).toBe(second);
  });
});

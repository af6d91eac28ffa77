import fc from 'fast-check';
import { HashSet53 } from '../../src/history/hash-set.js';

test('HashSet53 answers like a Set<number> for 53-bit non-negative integers, across growth', () => {
  fc.assert(
    fc.property(fc.array(fc.maxSafeNat(), { maxLength: 300 }), fc.array(fc.maxSafeNat(), { maxLength: 50 }), (added, probes) => {
      const set = new HashSet53(1);
      const ref = new Set<number>();
      for (const h of added) {
        set.add(h);
        ref.add(h);
      }
      expect(set.size).toBe(ref.size);
      for (const h of [...added, ...probes]) expect(set.has(h)).toBe(ref.has(h));
    }),
  );
});

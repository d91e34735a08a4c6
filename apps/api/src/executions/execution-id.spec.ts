import { newExecutionId } from './execution-id';

describe('execution ids', () => {
  test('are RFC 9562 version 7 UUIDs with the creation time first', () => {
    const id = newExecutionId(Date.UTC(2026, 11, 4, 22, 30));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 4, 22, 30));
  });

  test('grow with time (appended to the indexes) and never repeat', () => {
    const earlier = newExecutionId(1_000_000);
    const later = newExecutionId(1_000_001);
    expect(earlier < later).toBe(true);
    const many = new Set(Array.from({ length: 10_000 }, () => newExecutionId(5)));
    expect(many.size).toBe(10_000);
  });
});

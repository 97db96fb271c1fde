import { afterAll, afterEach, vi } from 'vitest';

// A console.error during a test is a bug somewhere, even when the assertions pass. One spy for the whole file, so
// that tests running side by side (the crawl's roles) share it; the test that ends next reports what it caught.
let errors: unknown[][] = [];
const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  errors.push(args);
});

afterEach(() => {
  const caught = errors;
  errors = [];
  if (caught.length > 0) {
    throw new Error(`console.error was called during the test:\n${caught.map((args) => args.map(String).join(' ')).join('\n')}`);
  }
});

afterAll(() => spy.mockRestore());

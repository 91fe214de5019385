import { defineConfig } from 'vitest/config';

// Pure modules only: the Node runner sees test/unit and nothing else.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});

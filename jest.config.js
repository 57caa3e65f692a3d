const os = require('node:os');

/**
 * Workers: one per core, but no more than memory allows. A worker that builds
 * the example stack and runs the compliance packs holds about 1.6 GB.
 */
const WORKER_MEMORY = 2 * 1024 ** 3;
const maxWorkers = Math.max(1, Math.min(os.availableParallelism(), Math.floor(os.totalmem() / WORKER_MEMORY)));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm run typecheck`; jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  setupFiles: ['<rootDir>/test/setup/quiet-sdk-node-warning.ts', '<rootDir>/test/setup/context.ts'],
  // The serializer the package publishes, so the project's own snapshots show what users' snapshots show.
  snapshotSerializers: ['<rootDir>/lib/testing/snapshot-serializer.ts'],
  testTimeout: 60000,
  maxWorkers,
};

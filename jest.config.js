/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setupEnv.js'],
	setupFilesAfterEnv: ['<rootDir>/test/isolation.ts'],
	// A safety net for a slow or loaded machine, not a performance check.
	testTimeout: 30_000,
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

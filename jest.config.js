/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setupEnv.js'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

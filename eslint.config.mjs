// Lint = what n8n's verification scanner applies (@n8n/eslint-plugin-community-nodes) plus
// eslint-plugin-n8n-nodes-base's community, credentials and nodes rule sets.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const n8nRules = (set) => n8nNodesBase.configs[set].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-demo/**', 'bench/out/**', 'e2e/n8n/**', 'e2e/n8n-1x/runtime/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: { '@typescript-eslint/no-unused-vars': 'error' },
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		...communityNodes.configs.recommended,
	},
	{
		// typescript-eslint parses JSON into the ESTree shape both plugins' package.json rules read.
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		...communityNodes.configs.recommended,
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nRules('nodes'),
			// Superseded by the scanner's node-connection-type-literal, which requires NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nRules('credentials'),
			// Main-repository convention; community credentials link a full URL (credential-documentation-url).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nRules('community'),
	},
];

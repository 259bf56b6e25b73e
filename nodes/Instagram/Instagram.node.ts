import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { INSTAGRAM_API_BASE_URL } from './instagramApi';
import { accountOperations } from './resources/account';
import { mediaOperations } from './resources/media';
import { INSTAGRAM_CREDENTIAL_TYPE } from './shared/requests';

export class Instagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instagram Insights',
		name: 'instagram',
		icon: { light: 'file:../../icons/instagram.svg', dark: 'file:../../icons/instagram.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read Instagram professional account and media insights',
		defaults: { name: 'Instagram Insights' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INSTAGRAM_CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			baseURL: INSTAGRAM_API_BASE_URL,
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'account',
				options: [
					{ name: 'Account', value: 'account', description: 'Your professional account: insights over a date range, token status' },
					{ name: 'Media', value: 'media', description: 'Your posts, reels and stories' },
				],
			},
			...accountOperations,
			...mediaOperations,
		],
	};
}

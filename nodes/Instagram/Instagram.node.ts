import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOperations } from '../shared/graph/runOperations';
import { requestOptionsParameter } from '../shared/parameters/commonParameters';
import { INSTAGRAM_SCOPES } from './instagramApi';
import { accountImplementations, accountOperations } from './resources/account';
import { mediaImplementations, mediaOperations } from './resources/media';
import { INSTAGRAM_CREDENTIAL_TYPE, INSTAGRAM_PLATFORM } from './shared/requests';

export class Instagram implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instagram Insights',
		name: 'instagram',
		icon: { light: 'file:../../icons/instagram.svg', dark: 'file:../../icons/instagram.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Get Instagram professional account and media insights as rows ready for a spreadsheet',
		documentationUrl: 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#instagram-insights-professional-accounts-instagram-login',
		defaults: { name: 'Instagram Insights' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INSTAGRAM_CREDENTIAL_TYPE, required: true }],
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
			requestOptionsParameter,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, {
			platform: INSTAGRAM_PLATFORM,
			defaultScope: INSTAGRAM_SCOPES.basic,
			operations: { account: accountImplementations, media: mediaImplementations },
		});
	}
}

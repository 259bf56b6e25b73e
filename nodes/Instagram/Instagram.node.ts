import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOperations } from '../shared/graph/runOperations';
import { requestOptionsParameter } from '../shared/parameters/commonParameters';
import { searchInstagramAccounts } from './facebook/listSearch';
import { readoptingRefusedPageTokens } from './facebook/refusedPageToken';
import { loginPathOf } from './instagramApi';
import { accountImplementations, accountOperations } from './resources/account';
import { mediaImplementations, mediaOperations } from './resources/media';
import { authenticationParameter, instagramAccountParameter } from './shared/account';
import { instagramCredentials, instagramPlatformOf } from './shared/requests';

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
		credentials: instagramCredentials,
		properties: [
			authenticationParameter(),
			instagramAccountParameter(),
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

	methods = {
		listSearch: { searchInstagramAccounts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// The login path is the node's, not an item's: one credential and one host per execution.
		const path = loginPathOf(this.getNodeParameter('authentication', 0, 'instagramLogin'));
		// Facebook Login: a Page token Meta stopped accepting is read again from the Pages, once.
		return await runOperations(path.accountChosen ? readoptingRefusedPageTokens(this) : this, {
			platform: instagramPlatformOf(path),
			defaultScope: path.scopes.basic,
			operations: { account: accountImplementations, media: mediaImplementations },
		});
	}
}

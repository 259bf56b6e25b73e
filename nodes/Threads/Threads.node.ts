import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runOperations } from '../shared/graph/runOperations';
import { requestOptionsParameter } from '../shared/parameters/commonParameters';
import { mediaImplementations, mediaOperations } from './resources/media';
import { profileImplementations, profileOperations } from './resources/profile';
import { searchImplementations, searchOperations } from './resources/search';
import { threadImplementations, threadOperations } from './resources/thread';
import { userImplementations, userOperations } from './resources/user';
import { authenticationParameter, threadsCredentials } from './shared/credentials';
import { searchMyThreads } from './shared/listSearch';
import { THREADS_PLATFORM } from './shared/requests';
import { THREADS_SCOPES } from './threadsApi';

export class Threads implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads',
		name: 'threads',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Get Threads post and account insights, your posts, replies, mentions, keyword searches and public profiles as rows ready for a spreadsheet',
		documentationUrl: 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#operations-and-the-rows-they-return',
		defaults: { name: 'Threads' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: threadsCredentials,
		properties: [
			{
				...authenticationParameter,
				description: 'For schedules use the self-renewing token; an OAuth2 token is for trying things in the editor (it lasts one hour)',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'media',
				options: [
					{ name: 'Media', value: 'media', description: 'One post: its fields or its insights' },
					{ name: 'Profile', value: 'profile', description: 'A public profile, looked up by username' },
					{ name: 'Search', value: 'search', description: 'Public posts about a keyword or topic tag' },
					{ name: 'Thread', value: 'thread', description: 'Your own posts' },
					{ name: 'User', value: 'user', description: 'Your account: insights over a date range, token status' },
				],
			},
			...mediaOperations,
			...userOperations,
			...threadOperations,
			...profileOperations,
			...searchOperations,
			requestOptionsParameter,
		],
	};

	methods = {
		listSearch: { searchMyThreads },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations(this, {
			platform: THREADS_PLATFORM,
			defaultScope: THREADS_SCOPES.basic,
			operations: {
				media: mediaImplementations,
				profile: profileImplementations,
				search: searchImplementations,
				thread: threadImplementations,
				user: userImplementations,
			},
		});
	}
}

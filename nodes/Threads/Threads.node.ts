import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { mediaOperations } from './resources/media';
import { profileOperations } from './resources/profile';
import { threadOperations } from './resources/thread';
import { userOperations } from './resources/user';
import { authenticationParameter, threadsCredentials } from './shared/credentials';
import { searchMyThreads } from './shared/listSearch';
import { THREADS_API_BASE_URL } from './threadsApi';

export class Threads implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads',
		name: 'threads',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read Threads insights, posts and public profiles',
		defaults: { name: 'Threads' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: threadsCredentials,
		requestDefaults: {
			baseURL: THREADS_API_BASE_URL,
			headers: { Accept: 'application/json' },
			// Graph errors are mapped to readable messages by each operation's postReceive.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			authenticationParameter,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'media',
				options: [
					{ name: 'Media', value: 'media', description: 'One post: its fields or its insights' },
					{ name: 'Profile', value: 'profile', description: 'A public profile, looked up by username' },
					{ name: 'Thread', value: 'thread', description: 'Your own posts' },
					{ name: 'User', value: 'user', description: 'Your account: insights over a date range, token status' },
				],
			},
			...mediaOperations,
			...userOperations,
			...threadOperations,
			...profileOperations,
		],
	};

	methods = {
		listSearch: { searchMyThreads },
	};
}

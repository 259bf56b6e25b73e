import type { INodeProperties } from 'n8n-workflow';

import { getProfile, getProfileFields } from './get';
import { getProfilePosts, getProfilePostsFields } from './getPosts';

const showFor = { resource: ['profile'] };

export const profileImplementations = { get: getProfile, getPosts: getProfilePosts };

export const profileOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showFor },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a public profile',
				description: 'Followers and the last 7 days of likes, quotes, replies, reposts and views',
			},
			{
				name: 'Get Posts',
				value: 'getPosts',
				action: 'Get posts of a public profile',
				description: 'Posts of a public profile, newest first',
			},
		],
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. meta',
		description:
			'A Threads username (an @ or a profile link is read as the username). Public profiles of adults with at least 1,000 followers; with standard access only @meta, @threads, @instagram and @facebook.',
		displayOptions: { show: showFor },
	},
	...getProfileFields,
	...getProfilePostsFields,
];

import type { INodeProperties } from 'n8n-workflow';

import { setPublishedRange, throwOnThreadsError } from '../../shared/context';
import { paginatePosts } from '../../shared/paging';
import { dateRangeParameters, postFieldsParameter, returnAllAndLimit, simplifyParameter } from '../../shared/parameters';
import { setProfileUsername } from './get';

const showFor = { resource: ['profile'], operation: ['getPosts'] };

export const getProfilePostsRouting = {
	request: { method: 'GET' as const, url: '/profile_posts' },
	send: { paginate: true, preSend: [setProfileUsername, setPublishedRange] },
	operations: { pagination: paginatePosts },
	output: { postReceive: [throwOnThreadsError] },
};

export const getProfilePostsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	// profile_posts refuses `owner`.
	postFieldsParameter({ show: showFor }, true),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
];

import type { INodeProperties } from 'n8n-workflow';

import { setPublishedRange } from '../../shared/context';
import { paginatePosts } from '../../shared/paging';
import { concurrencyOptions, dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { includeInsightsParameter, postFieldsParameter } from '../../shared/parameters';
import { setProfileUsername } from './get';

const showFor = { resource: ['profile'], operation: ['getPosts'] };

export const getProfilePostsRouting = {
	request: { method: 'GET' as const, url: '/profile_posts' },
	send: { paginate: true, preSend: [setProfileUsername, setPublishedRange] },
	operations: { pagination: paginatePosts },
};

export const getProfilePostsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	// profile_posts refuses `owner`.
	postFieldsParameter({ show: showFor }, true),
	includeInsightsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
	concurrencyOptions({ show: showFor }),
];

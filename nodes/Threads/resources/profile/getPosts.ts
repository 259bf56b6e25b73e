import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { usernameOf } from '../../../shared/parameters/nodeInput';
import { postListJob } from '../../shared/paging';
import { includeInsightsParameter, postFieldsParameter, postRowOptionsParameter } from '../../shared/parameters';
import { POST_FIELDS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['profile'], operation: ['getPosts'] };

// profile_posts refuses `owner`.
const PROFILE_POST_FIELDS = POST_FIELDS.filter((field) => field !== 'owner');

/** `/profile_posts?username=`, paged like List. */
export const getProfilePosts: Operation = (input) => {
	const username = usernameOf(input);
	return postListJob(input, {
		path: '/profile_posts',
		qs: { username },
		requiredScope: THREADS_SCOPES.profileDiscovery,
		fieldsAllowed: PROFILE_POST_FIELDS,
		profileUsername: username,
	});
};

export const getProfilePostsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	postFieldsParameter({ show: showFor }, true),
	includeInsightsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
	postRowOptionsParameter({ show: { ...showFor, simplify: [true] } }),
];

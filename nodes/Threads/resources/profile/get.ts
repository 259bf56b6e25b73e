import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { usernameOf } from '../../../shared/parameters/nodeInput';
import { THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['profile'], operation: ['get'] };

/** The columns of the competitor-tracking row, in the order a sheet shows them. */
const PROFILE_COLUMNS = [
	'username',
	'name',
	'follower_count',
	'views_count',
	'likes_count',
	'replies_count',
	'reposts_count',
	'quotes_count',
	'is_verified',
	'biography',
	'profile_picture_url',
];

/** `/profile_lookup?username=`: one row. */
export const getProfile: Operation = (input) => {
	const username = usernameOf(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const profile = await graph.get('/profile_lookup', { username }, { requiredScope: THREADS_SCOPES.profileDiscovery, shape: 'profile', abandon });
		if (!simplify) return [profile];
		return [Object.fromEntries(PROFILE_COLUMNS.map((column) => [column, profile[column] ?? null]))];
	};
};

export const getProfileFields: INodeProperties[] = [
	simplifyParameter({ show: showFor }, 'one row with the follower count and the 7-day counts'),
];

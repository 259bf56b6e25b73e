/**
 * Parameters several Threads operations share (media locator, post fields, date range,
 * Return All / Limit, Simplify), defined once and placed per operation with its display
 * options, so that an operation file reads as the list of what it asks the user.
 */
import type { INodeProperties, IDisplayOptions } from 'n8n-workflow';

import { DEFAULT_POST_FIELDS, POST_FIELDS } from '../threadsApi';

const label = (name: string) =>
	name
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export function mediaLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Media',
		name: 'mediaId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Threads post. Pick one from your posts, or map its ID from a previous step.',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMyThreads', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 18038275921081744',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Media ID must be digits only, e.g. 18038275921081744: map {{ $json.id }} from a List step' },
					},
				],
			},
		],
	};
}

export function postFieldsParameter(displayOptions: IDisplayOptions, withoutOwner = false): INodeProperties {
	const fields = POST_FIELDS.filter((field) => !(withoutOwner && field === 'owner'));
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...DEFAULT_POST_FIELDS],
		description: 'Post fields to return, one column each',
		displayOptions,
		options: fields.map((field) => ({ name: label(field), value: field })),
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	};
}

/** "Include Insights" for post lists: each post's lifetime numbers as extra columns. */
export function includeInsightsParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Include Insights',
		name: 'includeInsights',
		type: 'multiOptions',
		default: [],
		description:
			'Adds these lifetime numbers of each post as columns (one extra request per post, run in parallel within Meta’s limits). Reposts of others’ posts get empty cells.',
		displayOptions,
		options: [
			{ name: 'Likes', value: 'likes' },
			{ name: 'Quotes', value: 'quotes' },
			{ name: 'Replies', value: 'replies' },
			{ name: 'Reposts', value: 'reposts' },
			{ name: 'Shares', value: 'shares' },
			{ name: 'Views', value: 'views' },
		],
	};
}

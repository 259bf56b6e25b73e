/**
 * Parameters several Threads operations (and the Threads Trigger) share: the media locator,
 * post fields, Include Insights. Defined once and placed per operation with its display
 * options, so that an operation file reads as the list of what it asks the user.
 */
import type { INodeProperties, IDisplayOptions } from 'n8n-workflow';

import { metricOptions, titleCase } from '../../shared/parameters/commonParameters';

import { DEFAULT_POST_FIELDS, MEDIA_METRICS, POST_FIELDS } from '../threadsApi';

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

/** A post's lifetime metrics as options (Get Insights, Include Insights, the trigger's post watches). */
export const MEDIA_METRIC_OPTIONS = metricOptions(MEDIA_METRICS, { replies: 'Root post: all replies; a reply: direct replies only' });

export function postFieldsParameter(displayOptions: IDisplayOptions, withoutOwner = false): INodeProperties {
	const fields = POST_FIELDS.filter((field) => !(withoutOwner && field === 'owner'));
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...DEFAULT_POST_FIELDS],
		description: 'Post fields to return, one column each',
		displayOptions,
		options: fields.map((field) => ({ name: titleCase(field), value: field })),
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
		options: MEDIA_METRIC_OPTIONS,
	};
}

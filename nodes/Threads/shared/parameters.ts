/**
 * Parameters several Threads operations (and the Threads Trigger) share: the media locator,
 * post fields, Include Insights. Defined once and placed per operation with its display
 * options, so that an operation file reads as the list of what it asks the user.
 */
import type { INodeProperties, IDisplayOptions } from 'n8n-workflow';

import { metricOptions, titleCase } from '../../shared/parameters/commonParameters';

import { DEFAULT_POST_FIELDS, MEDIA_METRICS, POST_FIELDS } from '../threadsApi';

/** The Threads post a media operation works on: from the list, by ID, or (for the node) by its link. */
export function mediaLocator(displayOptions: IDisplayOptions, byUrl = true): INodeProperties {
	const locator: INodeProperties = {
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
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://www.threads.net/@you/post/C8xYz12AbCd',
				hint: 'The link of one of your posts: it is looked for among your 500 latest posts',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*https?://(www\\.)?threads\\.(net|com)/@?[\\w.]+/post/[\\w-]+.*$',
							errorMessage: 'Paste the link of one of your Threads posts, e.g. https://www.threads.net/@you/post/C8xYz12AbCd',
						},
					},
				],
			},
		],
	};
	if (!byUrl) locator.modes = locator.modes?.filter((mode) => mode.name !== 'url');
	return locator;
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

/** How post rows are shaped for a sheet: a report date, shortened text, reposts, engagement rate. */
export function postRowOptionsParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Row Options',
		name: 'rowOptions',
		type: 'collection',
		placeholder: 'Add Row Option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Add Report Date',
				name: 'reportDate',
				type: 'boolean',
				default: true,
				description: 'Whether to add a first column report_date (today, in the workflow timezone), so rows appended every day can be told apart',
			},
			{
				displayName: 'Engagement Rate',
				name: 'engagementRate',
				type: 'boolean',
				default: true,
				description:
					'Whether to add engagement_rate = (likes + replies + reposts + quotes + shares) / views, empty when a post has no views. Fetches these metrics with Include Insights.',
			},
			{
				displayName: 'Reposts',
				name: 'reposts',
				type: 'options',
				default: 'skip',
				description: 'Your reposts of other people’s posts have no insights of their own',
				options: [
					{ name: 'Skip', value: 'skip', description: 'Leave them out (they do not count towards the Limit)' },
					{ name: 'Zeros With a Note', value: 'zeros', description: 'Metric cells 0, and a note saying why' },
					{ name: 'Empty Cells', value: 'empty', description: 'Metric cells left empty' },
				],
			},
			{
				displayName: 'Shorten Text To (Characters)',
				name: 'textLength',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100,
				description: 'Cut a post’s text to this many characters, ending with “…”; 0 keeps it whole',
			},
		],
	};
}

/** "Fields" of a discovery or reply list: the fields that endpoint has, with its own defaults. */
export function fieldSelectionParameter(displayOptions: IDisplayOptions, fields: readonly string[], defaults: readonly string[], what: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...defaults],
		description: `${what} fields to return, one column each (objects such as replied_to and poll_attachment become flat columns: replied_to_id, poll_attachment_option_a, …)`,
		displayOptions,
		options: fields.map((field) => ({ name: titleCase(field), value: field })),
	};
}

/** The trigger fields that say when an event fires (shared by the Threads and Instagram triggers). */
import type { INodeProperties } from 'n8n-workflow';
import { timeoutOption } from '../parameters/commonParameters';

const thresholdKinds = ['above', 'below', 'crosses'];

export const conditionFields: INodeProperties[] = [
	{
		displayName: 'Fire When',
		name: 'condition',
		type: 'options',
		noDataExpression: true,
		default: 'above',
		description: 'When an event is sent. Each crossing fires once: a value that stays past the threshold does not fire again.',
		options: [
			{ name: 'Crosses a Threshold (Either Way)', value: 'crosses', description: 'Fires when the value passes the threshold upwards or downwards' },
			{ name: 'Falls Below a Threshold', value: 'below', description: 'Fires when the value drops under the threshold' },
			{ name: 'Grows By an Amount or Percent', value: 'growsBy', description: 'Since it last fired, or since watching started' },
			{ name: 'Passes Every Milestone', value: 'milestone', description: 'E.g. every 1,000: one alert per milestone passed.' },
			{ name: 'Rises Above a Threshold', value: 'above', description: 'Fires when the value goes over the threshold' },
		],
	},
	{
		displayName: 'Threshold',
		name: 'threshold',
		type: 'number',
		default: 1000,
		description: 'The line the value must cross, e.g. 1,000 views',
		displayOptions: { show: { condition: thresholdKinds } },
	},
	{
		displayName: 'Grows By (Amount)',
		name: 'growthAmount',
		type: 'number',
		default: 100,
		description: 'Fire when the value grew by at least this much. 0 to use only the percent.',
		displayOptions: { show: { condition: ['growsBy'] } },
	},
	{
		displayName: 'Grows By (Percent)',
		name: 'growthPercent',
		type: 'number',
		default: 0,
		description: 'Fire when the value grew by at least this percent. 0 to use only the amount.',
		displayOptions: { show: { condition: ['growsBy'] } },
	},
	{
		displayName: 'Every',
		name: 'milestoneEvery',
		type: 'number',
		default: 1000,
		typeOptions: { minValue: 1 },
		description: 'Milestone step: 1,000 fires at 1,000, 2,000, 3,000, …',
		displayOptions: { show: { condition: ['milestone'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'When values already past the threshold fire, how far a value must move back before it fires again, how long to wait for Meta',
		options: [
			{
				displayName: 'Fire for Values Already Past on Activation',
				name: 'fireOnActivation',
				type: 'boolean',
				default: false,
				description:
					'Whether values already past the threshold when the workflow is activated fire once. Off: they only set the starting point.',
			},
			{
				displayName: 'Hysteresis',
				name: 'hysteresis',
				type: 'number',
				default: 0,
				description:
					'How far the value must move back past the threshold before it can fire again; stops alerts flapping around the threshold',
				displayOptions: { show: { '/condition': thresholdKinds } },
			},
			timeoutOption,
		],
	},
];

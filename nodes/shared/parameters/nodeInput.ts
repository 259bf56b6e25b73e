/**
 * Reading and checking a Graph node's common inputs inside declarative routing (preSend,
 * pagination hooks), for every platform. Checks run before the first request and name the
 * field to fix.
 */
import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DatePreset, RangeRules, UnixRange } from './dateRange';
import { rangeProblem, resolveDateRange } from './dateRange';

export function inputError(context: IExecuteSingleFunctions, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex: context.getItemIndex(),
		description,
	});
}

/** The range the user picked (Date Range / Since / Until), validated against the endpoint's rules. */
export function dateRangeOf(context: IExecuteSingleFunctions, rules: RangeRules, fallbackPreset: DatePreset = 'none'): UnixRange {
	const range = resolveDateRange({
		preset: context.getNodeParameter('dateRange', fallbackPreset) as DatePreset,
		timezone: context.getTimezone(),
		now: rules.now,
		since: context.getNodeParameter('since', '') as string,
		until: context.getNodeParameter('until', '') as string,
	});
	const problem = rangeProblem(range, rules);
	if (problem) throw inputError(context, problem);
	return range;
}

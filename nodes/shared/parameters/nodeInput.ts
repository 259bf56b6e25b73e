/**
 * One input item's parameters, as an operation reads them, and the checks every Graph node
 * shares. Checks run before the first request and name the field and the fix; what a user
 * pastes is normalised where the intent is certain.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DatePreset, DaySpan, RangeRules, ResolveRangeInput, UnixRange, WeekStart } from './dateRange';
import { dayStartUtc, metaDayRange, rangeProblem, requestedDays, resolveDateRange } from './dateRange';

/** What an operation may read while it checks its input: parameters only, no requests. */
export interface ItemInput {
	readonly node: INode;
	readonly itemIndex: number;
	readonly timezone: string;
	parameter<T>(name: string, fallback: T, options?: { extractValue?: boolean }): T;
}

export function inputError(input: ItemInput, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(input.node, message, { itemIndex: input.itemIndex, description });
}

/** What the user picked: Date Range (with Week Starts On), Since, Until. */
function pickedRange(input: ItemInput, fallbackPreset: DatePreset, now?: Date): ResolveRangeInput {
	return {
		preset: input.parameter<DatePreset>('dateRange', fallbackPreset),
		weekStart: input.parameter<WeekStart>('weekStart', 'monday'),
		timezone: input.timezone,
		now,
		since: input.parameter('since', ''),
		until: input.parameter('until', ''),
	};
}

/** The range the user picked (Date Range / Since / Until), validated against the endpoint's rules. */
export function dateRangeOf(input: ItemInput, rules: RangeRules, fallbackPreset: DatePreset = 'none'): UnixRange {
	return checkedRange(input, pickedRange(input, fallbackPreset, rules.now), rules);
}

function checkedRange(input: ItemInput, picked: ResolveRangeInput, rules: RangeRules): UnixRange {
	const range = resolveDateRange(picked);
	const problem = rangeProblem(range, rules);
	if (problem) throw inputError(input, problem);
	return range;
}

/**
 * Whole days of account insights: the days the user picked (in the workflow's timezone) and
 * the range to send, aligned to Meta's day buckets (`dayZone`), checked against the endpoint's
 * rules. `complete` is false while the last day is still going on in Meta's zone.
 */
export function insightDaysOf(
	input: ItemInput,
	dayZone: string,
	rules: RangeRules,
	fallbackPreset: DatePreset = 'yesterday',
): { range: UnixRange; days?: DaySpan; complete?: boolean; unfinishedHint?: string } {
	const now = rules.now ?? new Date();
	const picked = pickedRange(input, fallbackPreset, now);
	const exact = checkedRange(input, picked, rules);
	const days = requestedDays(picked);
	if (!days) return { range: exact };
	const aligned = metaDayRange(days, dayZone, now);
	if (aligned.since >= Math.floor(now.getTime() / 1000)) {
		throw inputError(
			input,
			`${days.first} has not begun yet in Meta's day (Meta's days start at ${dayStartUtc(days.first, dayZone)} UTC)`,
			'Choose Yesterday or an earlier day, or run the workflow later.',
		);
	}
	const alignedProblem = rangeProblem(aligned, { ...rules, earliest: rules.earliest - 86400 });
	if (alignedProblem) throw inputError(input, alignedProblem);
	const unfinishedHint = aligned.complete
		? undefined
		: `Meta's day ${days.last} has not ended yet (it ends at ${dayStartUtc(days.last, dayZone)} UTC the next day): its numbers will still grow, so its rows say complete: false`;
	return { range: { since: Math.max(aligned.since, rules.earliest), until: aligned.until }, days, complete: aligned.complete, unfinishedHint };
}

/** A whole number of at least 1 from a field (a number, or a number as text from an expression), or undefined. */
export function wholeNumberOf(raw: unknown): number | undefined {
	const value = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

export function notWholeNumber(label: string, raw: unknown): string {
	return `"${label}" must be a whole number of at least 1, not ${JSON.stringify(raw)}`;
}

/** Return All → every item; otherwise Limit, a whole number of at least 1. */
export function limitOf(input: ItemInput): number {
	if (input.parameter('returnAll', false)) return Number.POSITIVE_INFINITY;
	const raw = input.parameter<unknown>('limit', 50);
	const limit = wholeNumberOf(raw);
	if (limit === undefined) throw inputError(input, notWholeNumber('Limit', raw), 'Set Limit to how many items you want (e.g. 50), or turn on Return All.');
	return limit;
}

/**
 * A metric selection as a field holds it: a list, or a comma-separated text from an
 * expression; without repeats. Every metric must be one of `valid` (listed in the problem);
 * `optional`: an empty selection is none, not a problem.
 */
export function metricSelection(
	raw: unknown,
	label: string,
	valid: readonly string[],
	owner: string,
	optional = false,
): { metrics: string[] } | { problem: string; description: string } {
	const list = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((metric) => String(metric).trim()).filter(Boolean);
	const metrics = [...new Set(list)];
	const description = `Valid: ${valid.join(', ')}`;
	if (!metrics.length) return optional ? { metrics } : { problem: `"${label}" is empty: choose at least one metric`, description };
	const unknown = metrics.filter((metric) => !valid.includes(metric));
	if (!unknown.length) return { metrics };
	return { problem: `"${label}" has ${unknown.length === 1 ? 'a metric' : 'metrics'} this ${owner} does not have: ${unknown.join(', ')}`, description };
}

/** A node field's metric selection (see `metricSelection`); `optional`: empty means none. */
export function metricsOf(input: ItemInput, name: string, label: string, valid: readonly string[], options: { optional?: boolean } = {}): string[] {
	const selection = metricSelection(input.parameter<unknown>(name, []), label, valid, 'operation', options.optional);
	if ('problem' in selection) throw inputError(input, selection.problem, selection.description);
	return selection.metrics;
}

/** How a platform's post links look, for a media field that takes an ID or a link. */
export interface PostLinkRules {
	platform: string;
	/** The post's shortcode in one of its links; undefined for any other link. */
	shortcodeOf(link: string): string | undefined;
	/** E.g. "https://www.threads.net/@you/post/…". */
	linkExample: string;
}

/** A media given by ID, or by its link (found among the account's latest posts later). */
export type MediaRef = { id: string } | { shortcode: string; link: string };

/**
 * A media field: a Graph ID (digits), or a link to one of the account's posts. Empty (an
 * expression that found nothing) and links to anything else are refused with the way to fix it.
 */
export function mediaRefOf(input: ItemInput, name: string, label: string, rules: PostLinkRules, options: { locator?: boolean } = {}): MediaRef {
	const value = String(input.parameter<unknown>(name, '', options.locator ? { extractValue: true } : undefined) ?? '').trim();
	if (!value) {
		throw inputError(input, `"${label}" is empty`, `Choose a post from the list, or map its ID from an earlier step, e.g. {{ $json.id }}. If you used an expression, it resolved to nothing for this item.`);
	}
	if (/^https?:\/\//i.test(value) || /^(www\.)?(threads\.(net|com)|instagram\.com)\//i.test(value)) {
		const shortcode = rules.shortcodeOf(value);
		if (shortcode) return { shortcode, link: value };
		throw inputError(
			input,
			`"${label}" is a link, but not to a ${rules.platform} post`,
			`Use a post's link (${rules.linkExample}), its ID from a List step ({{ $json.id }}), or pick the post from the list.`,
		);
	}
	if (!/^\d+$/.test(value)) throw inputError(input, `"${label}" must be a ${rules.platform} media ID (digits only) or a post's link, not "${value.slice(0, 60)}"`);
	return { id: value };
}

/** A Threads username; "@name" and a profile link are read as the username. */
export function usernameOf(input: ItemInput): string {
	const raw = String(input.parameter<unknown>('username', '') ?? '').trim();
	const fromLink = /threads\.(?:net|com)\/@?([A-Za-z0-9._]+)/i.exec(raw)?.[1];
	const username = (fromLink ?? raw).replace(/^@/, '').replace(/\/+$/, '');
	if (!username) throw inputError(input, '"Username" is empty: enter a public Threads username, e.g. meta');
	if (!/^[A-Za-z0-9._]+$/.test(username)) {
		throw inputError(input, `"Username" must be a Threads username (letters, digits, . and _), not "${raw.slice(0, 60)}"`);
	}
	return username;
}

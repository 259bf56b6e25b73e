/**
 * Graph insights answers → spreadsheet rows. Pure: no n8n, no HTTP.
 *
 * Meta answers every insights call with `data: GraphInsight[]`, each insight carrying its
 * numbers in one of four shapes (time series `values`, `total_value`, `link_total_values`,
 * `total_value.breakdowns`). These functions flatten each shape into rows a Google Sheet
 * or Airtable accepts as they are, whatever the platform.
 */

export interface GraphInsightValue {
	value: number | Record<string, number>;
	end_time?: string;
}

export interface GraphBreakdown {
	dimension_keys?: string[];
	results?: Array<{ dimension_values?: string[]; value?: number }>;
}

export interface GraphInsight {
	name: string;
	period?: string;
	values?: GraphInsightValue[];
	total_value?: { value?: number; breakdowns?: GraphBreakdown[] };
	link_total_values?: Array<{ value: number; link_url: string }>;
	title?: string;
	description?: string;
	id?: string;
}

export type Row = Record<string, string | number | boolean | null>;

/** A single number for an insight, whatever shape it came in; null when it carries none. */
export function insightTotal(insight: GraphInsight | undefined): number | null {
	if (!insight) return null;
	if (typeof insight.total_value?.value === 'number') return insight.total_value.value;
	if (insight.link_total_values) {
		return insight.link_total_values.reduce((sum, link) => sum + (Number(link.value) || 0), 0);
	}
	if (insight.values?.length) {
		return insight.values.reduce((sum, entry) => sum + (typeof entry.value === 'number' ? entry.value : 0), 0);
	}
	return null;
}

/**
 * One row per media: `{ id, views, likes, ... }` in the order the metrics were asked for.
 * Metrics Meta did not answer (a repost facade answers `data: []`) become empty cells (null),
 * so every row of a sheet has the same columns.
 */
export function mediaInsightsRow(mediaId: string, data: GraphInsight[], metrics: readonly string[]): Row {
	const row: Row = { id: mediaId };
	for (const metric of metrics) {
		row[metric] = insightTotal(data.find((insight) => insight.name === metric));
	}
	return row;
}

/**
 * Meta stamps a daily value with the end of its day (`end_time` = midnight Pacific of the
 * following day, e.g. 2024-07-12T08:00:00+0000 for July 11). The row's `date` is the day the
 * value counts: one day before `end_time`, read in UTC-8 so both PST and PDT land right.
 */
export function dayOfEndTime(endTime: string): string {
	const end = endTimeMs(endTime);
	if (Number.isNaN(end)) return endTime;
	const pacificish = new Date(end - 8 * 3600_000 - 1000);
	return pacificish.toISOString().slice(0, 10);
}

/** Time-series insight → `{ date, <metric>, complete }` per day bucket; `complete` once the bucket ended before `now`. */
export function timeSeriesRows(insight: GraphInsight, now?: number): Row[] {
	return (insight.values ?? []).map((entry) => {
		const row: Row = { date: entry.end_time ? dayOfEndTime(entry.end_time) : null, [insight.name]: typeof entry.value === 'number' ? entry.value : null };
		if (now !== undefined) row.complete = entry.end_time ? endTimeMs(entry.end_time) <= now : null;
		return row;
	});
}

function endTimeMs(endTime: string): number {
	return Date.parse(endTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The series' day buckets dated within [first, last] (ISO dates): a bucket outside the asked days is never counted. */
export function bucketsWithin(insight: GraphInsight, first?: string, last?: string): GraphInsight {
	if (!first || !last || !insight.values) return insight;
	return { ...insight, values: insight.values.filter((entry) => !entry.end_time || (dayOfEndTime(entry.end_time) >= first && dayOfEndTime(entry.end_time) <= last)) };
}

/** `link_total_values` → `{ link_url, <metric> }` per link. */
export function linkRows(insight: GraphInsight): Row[] {
	return (insight.link_total_values ?? []).map((link) => ({
		link_url: link.link_url,
		[insight.name]: link.value,
	}));
}

/**
 * Demographic breakdown → `{ breakdown, dimension, <valueColumn> }` per dimension value,
 * largest first (the order a chart or a "top countries" sheet wants).
 */
export function demographicRows(insight: GraphInsight, valueColumn = 'followers'): Row[] {
	const rows: Row[] = [];
	for (const breakdown of insight.total_value?.breakdowns ?? []) {
		const keys = breakdown.dimension_keys ?? [];
		for (const result of breakdown.results ?? []) {
			rows.push({
				breakdown: keys.join(','),
				dimension: (result.dimension_values ?? []).join(','),
				[valueColumn]: result.value ?? null,
			});
		}
	}
	return rows.sort((a, b) => Number(b[valueColumn]) - Number(a[valueColumn]));
}

export interface InsightShapes {
	/** Metrics answered as a per-day series (`values[]` with `end_time`). */
	timeSeries: readonly string[];
	/** Metrics answered per link. */
	perLink: readonly string[];
	/** Metrics answered as demographic breakdowns. */
	demographics: readonly string[];
}

export interface RangeColumns {
	/** The first and last day asked for (ISO dates): the row's range, and the day buckets counted. */
	since?: string;
	until?: string;
	/** Whether the last day has ended in Meta's zone (adds a `complete` column when given). */
	complete?: boolean;
	/** When the answer was fetched (ms): daily rows get `complete` from their bucket's end. */
	now?: number;
}

/**
 * An account's insights → rows, by shape:
 * - time series alone → one row per day bucket `{ date, views, complete }`;
 * - totals → one row `{ since, until, likes, replies, ..., followers_count, complete }`; a
 *   time-series metric asked together with totals is summed into that row (one row per run is
 *   what an "account growth" sheet wants);
 * - per-link metrics → one row per link `{ link_url, clicks }`;
 * - demographics → one row per dimension value `{ breakdown, dimension, followers }`.
 * Day buckets dated outside since..until are left out of every row.
 */
export function accountInsightsRows(
	data: GraphInsight[],
	requestedMetrics: readonly string[],
	shapes: InsightShapes,
	range: RangeColumns = {},
): Row[] {
	const byName = new Map(data.map((insight) => [insight.name, bucketsWithin(insight, range.since, range.until)]));
	const isTotal = (metric: string) =>
		!shapes.timeSeries.includes(metric) && !shapes.perLink.includes(metric) && !shapes.demographics.includes(metric);
	const totals = requestedMetrics.filter(isTotal);
	const series = requestedMetrics.filter((metric) => shapes.timeSeries.includes(metric));
	const rows: Row[] = [];
	const rangeRow = (): Row => ({ since: range.since ?? null, until: range.until ?? null });
	const withCompleteness = (row: Row): Row => (range.complete === undefined ? row : { ...row, complete: range.complete });

	if (totals.length) {
		const row = rangeRow();
		for (const metric of requestedMetrics) {
			if (isTotal(metric) || series.includes(metric)) row[metric] = insightTotal(byName.get(metric));
		}
		rows.push(withCompleteness(row));
	} else {
		for (const metric of series) {
			const insight = byName.get(metric);
			if (!insight) continue;
			// Meta's page also shows a series metric answered as one `total_value`: then one range row.
			if (insight.values?.length || !insight.total_value) rows.push(...timeSeriesRows(insight, range.now));
			else rows.push(withCompleteness({ ...rangeRow(), [metric]: insightTotal(insight) }));
		}
	}
	for (const metric of requestedMetrics.filter((m) => shapes.perLink.includes(m))) {
		const insight = byName.get(metric);
		if (insight) rows.push(...linkRows(insight));
	}
	for (const metric of requestedMetrics.filter((m) => shapes.demographics.includes(m))) {
		const insight = byName.get(metric);
		if (insight) rows.push(...demographicRows(insight));
	}
	return rows;
}

/**
 * Breakdown answers of several metrics → one row per dimension value with a column per
 * metric, e.g. `{ breakdown: 'media_product_type', dimension: 'REELS', views: 120, likes: 9 }`.
 */
export function breakdownRows(data: GraphInsight[], metrics: readonly string[], breakdown: string): Row[] {
	const rows = new Map<string, Row>();
	for (const metric of metrics) {
		const insight = data.find((entry) => entry.name === metric);
		for (const group of insight?.total_value?.breakdowns ?? []) {
			for (const result of group.results ?? []) {
				const dimension = (result.dimension_values ?? []).join(',');
				const row = rows.get(dimension) ?? { breakdown, dimension };
				row[metric] = result.value ?? null;
				rows.set(dimension, row);
			}
		}
	}
	for (const row of rows.values()) for (const metric of metrics) row[metric] ??= null;
	return [...rows.values()];
}

/**
 * "Compare With Previous Period": `<metric>_previous` and `<metric>_change_pct` (percent,
 * one decimal; empty when the previous value is 0 or missing) after each compared metric.
 */
export function withPreviousPeriod(row: Row, previous: Row | undefined, metrics: readonly string[]): Row {
	const compared: Row = {};
	for (const [key, value] of Object.entries(row)) {
		compared[key] = value;
		if (!metrics.includes(key)) continue;
		const before = previous?.[key];
		compared[`${key}_previous`] = typeof before === 'number' ? before : null;
		compared[`${key}_change_pct`] =
			typeof before === 'number' && before !== 0 && typeof value === 'number' ? Math.round(((value - before) / before) * 1000) / 10 : null;
	}
	return compared;
}

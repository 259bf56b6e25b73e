/**
 * Crossing engine for the polling Threads Trigger.
 *
 * Pure and dependency-free on purpose: the trigger node feeds it one poll's observations plus the
 * state it stored last time, and gets back the events to emit and the state to store next. No
 * clock, no randomness, no I/O, so every rule below can be tested as a plain value sequence.
 *
 * Everything is edge-triggered per (object, metric): a value that stays past a threshold fires
 * once, not on every poll.
 *
 * Rules the issue left open, decided here:
 * - `crosses` keeps one side per object+metric, and the sides are "above" (value > threshold) and
 *   "not above" (value ≤ threshold). 'up' fires exactly where `above` fires; 'down' fires where
 *   `above` would re-arm (value ≤ threshold − hysteresis). So with hysteresis 0 a value equal to
 *   the threshold counts as "not above", and events always alternate up/down.
 * - `milestone` fires when the value reaches a milestone (value ≥ k × every). With
 *   `fireOnActivation`, only the highest milestone already reached fires, to avoid a flood. At most
 *   MAX_MILESTONES_PER_STEP events per object+metric per poll (the highest ones) to bound a
 *   misconfigured `every`.
 * - `growsBy` compares with the baseline (the value when it last fired, or when watching started);
 *   drops do not move the baseline. A percent rule never fires from a baseline ≤ 0 (no meaningful
 *   percentage); the absolute amount still works. Event `threshold` is the lowest target that was
 *   reached: min(baseline + amount, baseline × (1 + percent / 100)). `fireOnActivation` has no
 *   effect on it (nothing is "already past" a growth target).
 * - An object is "new" (real news) if the stored state did not know it and this is not a first
 *   poll. A known object that reports a metric for the first time (e.g. a metric added to the
 *   trigger later) only sets a baseline, so adding a metric cannot flood.
 * - On a first poll, every id in `watchedObjectIds` is remembered even if it was not fetched, so a
 *   post that failed on the first poll baselines quietly later instead of firing as "new".
 * - Observations whose objectId is missing from `watchedObjectIds` are still evaluated and kept:
 *   the caller evidently watches them, and dropping their state would re-fire them every poll.
 * - Event `threshold` is the configured threshold (also for 'down' events of `crosses`), the
 *   milestone value for `milestone`. `crossedAt` is `now` as given (Date → ISO string).
 * - Values that are not finite numbers (null, undefined, NaN, ±Infinity, strings) are ignored.
 */

export type CrossingCondition =
	| { kind: 'above'; threshold: number; hysteresis?: number }
	| { kind: 'below'; threshold: number; hysteresis?: number }
	| { kind: 'crosses'; threshold: number; hysteresis?: number }
	| { kind: 'growsBy'; amount?: number; percent?: number }
	| { kind: 'milestone'; every: number };

export interface Observation {
	objectId: string;
	metric: string;
	value: number | null | undefined;
}

export interface CrossingEvent {
	objectId: string;
	metric: string;
	value: number;
	previousValue: number | null;
	threshold: number;
	condition: CrossingCondition['kind'];
	direction: 'up' | 'down';
	crossedAt: string;
}

/**
 * What is remembered per object+metric: the last observed value (for `previousValue`) and a
 * condition-specific mark:
 * - above / below: 1 = past the threshold and waiting to re-arm, 0 = armed;
 * - crosses: 1 = on the "above" side, 0 = on the "not above" side;
 * - growsBy: the baseline value;
 * - milestone: the index k of the highest milestone reached (k × every).
 */
export type CrossingSlot = [last: number, mark: number];

/**
 * Stored in the workflow's static data, so it is plain JSON and compact: metric names are listed
 * once in `m`, and each object keeps a positional array of slots (≈ 60–80 bytes per object with
 * three metrics).
 */
export interface CrossingState {
	/** Schema version; a state with any other version is discarded (treated as a first poll). */
	v: 1;
	/** Condition fingerprint such as 'above|100|0'; a different condition discards the state. */
	c: string;
	/** Metric names seen so far; slot arrays are indexed by position in this list. */
	m: string[];
	/** objectId → slots by metric index (null: metric never observed for that object). */
	o: Record<string, Array<CrossingSlot | null>>;
}

export interface EvaluateOptions {
	condition: CrossingCondition;
	/** Used as `crossedAt` of every event. */
	now: Date | string;
	/** On a first poll, fire once for values already past the threshold (default: baseline only). */
	fireOnActivation?: boolean;
	/** Every object inside the watch window, fetched or not; state of other objects is dropped. */
	watchedObjectIds?: readonly string[];
}

const STATE_VERSION = 1;
const MAX_MILESTONES_PER_STEP = 1000;

const ARMED = 0;
const PAST = 1;

type Fire = (threshold: number, direction: 'up' | 'down') => void;

/** How one condition kind moves a slot's mark. */
interface Rule {
	/** Mark for a value seen without history: remember where it is, never fire. */
	baseline(value: number): number;
	/** Mark to step from on a first poll with `fireOnActivation`; absent = baseline only. */
	activationStart?(value: number): number;
	/** Mark to step from for an object that appeared after activation; absent = baseline only. */
	newObjectStart?(): number;
	/** Advance by one observation: call `fire` for each crossing and return the new mark. */
	step(mark: number, value: number, fire: Fire): number;
}

/**
 * `above` and `crosses` share one machine: rising above the threshold fires 'up', dropping to
 * threshold − hysteresis re-arms (which `crosses` reports as 'down'). The gap between the two
 * points is what stops a value hovering around the threshold from flapping.
 */
function riseRule(threshold: number, hysteresis: number, reportDown: boolean): Rule {
	const baseline = (value: number) => (value > threshold ? PAST : ARMED);
	return {
		baseline,
		activationStart: () => ARMED,
		// A new post is news: treat its previous value as 0, so one already above fires once.
		newObjectStart: () => baseline(0),
		step(mark, value, fire) {
			if (mark === ARMED && value > threshold) {
				fire(threshold, 'up');
				return PAST;
			}
			if (mark === PAST && value <= threshold - hysteresis) {
				if (reportDown) fire(threshold, 'down');
				return ARMED;
			}
			return mark;
		},
	};
}

const RULES: { [K in CrossingCondition['kind']]: (c: Extract<CrossingCondition, { kind: K }>) => Rule } = {
	above: (c) => riseRule(c.threshold, c.hysteresis ?? 0, false),
	crosses: (c) => riseRule(c.threshold, c.hysteresis ?? 0, true),

	// Mirror of `above`. A new object only sets its baseline: "already low" is not news.
	below: ({ threshold, hysteresis }) => ({
		baseline: (value) => (value < threshold ? PAST : ARMED),
		activationStart: () => ARMED,
		step(mark, value, fire) {
			if (mark === ARMED && value < threshold) {
				fire(threshold, 'down');
				return PAST;
			}
			if (mark === PAST && value >= threshold + (hysteresis ?? 0)) return ARMED;
			return mark;
		},
	}),

	// The mark is the baseline; it moves only when the rule fires.
	growsBy: ({ amount, percent }) => ({
		baseline: (value) => value,
		step(base, value, fire) {
			const growth = value - base;
			const reached: number[] = [];
			if (amount != null && growth >= amount) reached.push(base + amount);
			// Multiply rather than divide: 29 / 100 * 100 is 28.999…, which would miss 100 → 129 at 29%.
			if (percent != null && base > 0 && growth * 100 >= percent * base) reached.push(base + (base * percent) / 100);
			if (reached.length === 0) return base;
			fire(Math.min(...reached), 'up');
			return value;
		},
	}),

	// The mark is the highest milestone index reached, so dips and recoveries never re-fire.
	milestone: ({ every }) => {
		const index = (value: number) => Math.max(0, Math.floor(value / every));
		return {
			baseline: index,
			// One event for the highest milestone already reached, not one per milestone.
			activationStart: (value) => Math.max(0, index(value) - 1),
			newObjectStart: () => 0,
			step(highest, value, fire) {
				const reached = index(value);
				for (let k = Math.max(highest + 1, reached - MAX_MILESTONES_PER_STEP + 1); k <= reached; k++) {
					fire(k * every, 'up');
				}
				return Math.max(highest, reached);
			},
		};
	},
};

function makeRule(condition: CrossingCondition): Rule {
	return (RULES[condition.kind] as (c: CrossingCondition) => Rule)(condition);
}

/** Only the fields that change behaviour, normalised so `hysteresis: undefined` equals `0`. */
function fingerprint(c: CrossingCondition): string {
	const parts =
		c.kind === 'growsBy' ? [c.amount, c.percent] : c.kind === 'milestone' ? [c.every] : [c.threshold, c.hysteresis ?? 0];
	return [c.kind, ...parts.map((p) => p ?? '')].join('|');
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

const KINDS_HINT = 'use one of above, below, crosses, growsBy, milestone.';

/** Returns a message naming the bad field and how to fix it, or undefined when the condition is usable. */
export function validateCondition(condition: CrossingCondition): string | undefined {
	if (!condition || typeof condition !== 'object') {
		return `Condition is missing: ${KINDS_HINT}`;
	}
	switch (condition.kind) {
		case 'above':
		case 'below':
		case 'crosses': {
			const { threshold, hysteresis } = condition;
			if (!isFiniteNumber(threshold)) {
				return `Threshold must be a number (got ${show(threshold)}): enter a value such as 1000.`;
			}
			if (hysteresis != null && !(isFiniteNumber(hysteresis) && hysteresis >= 0)) {
				return `Hysteresis must be 0 or a positive number (got ${show(hysteresis)}): use 0 to turn it off.`;
			}
			return undefined;
		}
		case 'growsBy': {
			const { amount, percent } = condition;
			if (amount == null && percent == null) {
				return 'Grows By needs an amount, a percent, or both: set amount (e.g. 100) and/or percent (e.g. 10).';
			}
			if (amount != null && !(isFiniteNumber(amount) && amount > 0)) {
				return `Amount must be a number greater than 0 (got ${show(amount)}): e.g. 100, or leave it empty to use percent only.`;
			}
			if (percent != null && !(isFiniteNumber(percent) && percent > 0)) {
				return `Percent must be a number greater than 0 (got ${show(percent)}): e.g. 10, or leave it empty to use amount only.`;
			}
			return undefined;
		}
		case 'milestone': {
			const { every } = condition;
			if (!(isFiniteNumber(every) && every > 0)) {
				return `Milestone "every" must be a number greater than 0 (got ${show(every)}): e.g. 1000 for 1,000, 2,000, 3,000, …`;
			}
			return undefined;
		}
		default:
			return `Unknown condition kind ${show((condition as { kind?: unknown }).kind)}: ${KINDS_HINT}`;
	}
}

/** The stored state if it was written by this version for this very condition, else undefined. */
function usableState(state: CrossingState | undefined, conditionFingerprint: string): CrossingState | undefined {
	if (!state || typeof state !== 'object') return undefined;
	if (state.v !== STATE_VERSION || state.c !== conditionFingerprint) return undefined;
	if (!Array.isArray(state.m) || !state.o || typeof state.o !== 'object') return undefined;
	return state;
}

/** Deep copy of one object's slots, dropping anything malformed, so the input state is never shared. */
function copySlots(slots: unknown): Array<CrossingSlot | null> {
	if (!Array.isArray(slots)) return [];
	return slots.map((s) => (Array.isArray(s) && isFiniteNumber(s[0]) && isFiniteNumber(s[1]) ? [s[0], s[1]] : null));
}

export function evaluateCrossings(
	state: CrossingState | undefined,
	observations: readonly Observation[],
	options: EvaluateOptions,
): { events: CrossingEvent[]; state: CrossingState } {
	const { condition, fireOnActivation = false, watchedObjectIds } = options;
	const problem = validateCondition(condition);
	if (problem) throw new Error(`Invalid crossing condition: ${problem}`);

	const rule = makeRule(condition);
	const conditionFingerprint = fingerprint(condition);
	const crossedAt = typeof options.now === 'string' ? options.now : options.now.toISOString();

	const previous = usableState(state, conditionFingerprint);
	const firstPoll = previous === undefined;
	const metrics = previous ? [...previous.m] : [];
	const metricIndex = new Map(metrics.map((metric, i) => [metric, i]));
	// A Map (not a plain object) so an id like '__proto__' cannot misbehave.
	const objects = new Map<string, Array<CrossingSlot | null>>(
		previous ? Object.entries(previous.o).map(([id, slots]) => [id, copySlots(slots)]) : [],
	);
	// Newness is judged against the stored state, not the working copy: a new post reporting three
	// metrics in one poll is new for all three.
	const knownBefore = new Set(objects.keys());
	const observedIds = new Set<string>();
	const events: CrossingEvent[] = [];

	for (const { objectId, metric, value } of observations) {
		// No insights (e.g. a repost): ignore entirely, as if the object had not been polled.
		if (!isFiniteNumber(value)) continue;
		observedIds.add(objectId);

		let m = metricIndex.get(metric);
		if (m === undefined) {
			m = metrics.push(metric) - 1;
			metricIndex.set(metric, m);
		}
		const slots = objects.get(objectId) ?? [];
		while (slots.length <= m) slots.push(null);
		objects.set(objectId, slots);

		const old = slots[m];
		const fire: Fire = (threshold, direction) =>
			events.push({
				objectId,
				metric,
				value,
				previousValue: old ? old[0] : null,
				threshold,
				condition: condition.kind,
				direction,
				crossedAt,
			});

		let start: number | undefined;
		if (old) start = old[1];
		else if (firstPoll) start = fireOnActivation ? rule.activationStart?.(value) : undefined;
		else if (!knownBefore.has(objectId)) start = rule.newObjectStart?.();
		slots[m] = [value, start === undefined ? rule.baseline(value) : rule.step(start, value, fire)];
	}

	if (watchedObjectIds) {
		const keep = new Set([...watchedObjectIds, ...observedIds]);
		for (const id of objects.keys()) if (!keep.has(id)) objects.delete(id);
		// Posts that were in the window at activation but not fetched are not news later.
		if (firstPoll) for (const id of watchedObjectIds) if (!objects.has(id)) objects.set(id, []);
	}

	return {
		events,
		state: { v: STATE_VERSION, c: conditionFingerprint, m: metrics, o: Object.fromEntries(objects) },
	};
}

/** What the editor's test step shows: the current values shaped like events, marked as samples. */
export interface SampleEvent extends Omit<CrossingEvent, 'direction' | 'crossedAt' | 'value'> {
	value: number | null;
	direction: 'up' | 'down' | null;
	/** Null: a sample never crossed anything. */
	crossedAt: null;
	sample: true;
	/** Whether the condition holds for the current value (for "grows by": since the saved baseline). */
	conditionMet: boolean;
}

/**
 * The test step's sample events: one per observation, saying whether the condition holds now,
 * so a message built on them never announces a crossing that did not happen. Reads the saved
 * state (for "grows by" baselines and previous values) without changing it. With nothing
 * observed, one empty sample still shows the shape of an event.
 */
export function sampleEvents(state: CrossingState | undefined, observations: readonly Observation[], condition: CrossingCondition, metricIfNone: string): SampleEvent[] {
	const previous = usableState(state, fingerprint(condition));
	const slotOf = (objectId: string, metric: string): CrossingSlot | null => {
		const index = previous?.m.indexOf(metric) ?? -1;
		return index < 0 ? null : (previous?.o[objectId]?.[index] ?? null);
	};
	const sample = (objectId: string, metric: string, value: number | null): SampleEvent => {
		const slot = value === null ? null : slotOf(objectId, metric);
		const { met, threshold } = value === null ? { met: false, threshold: nominalThreshold(condition) } : holds(condition, value, slot);
		const direction = met ? (condition.kind === 'below' ? 'down' : 'up') : null;
		return { objectId, metric, value, previousValue: slot ? slot[0] : null, threshold, condition: condition.kind, direction, crossedAt: null, sample: true, conditionMet: met };
	};
	const usable = observations.filter((observation) => isFiniteNumber(observation.value));
	if (!usable.length) return [sample('', observations[0]?.metric ?? metricIfNone, null)];
	return usable.map(({ objectId, metric, value }) => sample(objectId, metric, value as number));
}

function nominalThreshold(condition: CrossingCondition): number {
	if (condition.kind === 'milestone') return condition.every;
	if (condition.kind === 'growsBy') return condition.amount ?? condition.percent ?? 0;
	return condition.threshold;
}

function holds(condition: CrossingCondition, value: number, slot: CrossingSlot | null): { met: boolean; threshold: number } {
	switch (condition.kind) {
		case 'above':
		case 'crosses':
			return { met: value > condition.threshold, threshold: condition.threshold };
		case 'below':
			return { met: value < condition.threshold, threshold: condition.threshold };
		case 'milestone': {
			const reached = Math.floor(value / condition.every) * condition.every;
			return reached >= condition.every ? { met: true, threshold: reached } : { met: false, threshold: condition.every };
		}
		case 'growsBy': {
			// Without a saved baseline (never activated) growth cannot be known.
			const base = slot ? slot[1] : undefined;
			const targets: number[] = [];
			if (base !== undefined && condition.amount != null) targets.push(base + condition.amount);
			if (base !== undefined && base > 0 && condition.percent != null) targets.push(base + (base * condition.percent) / 100);
			const target = targets.length ? Math.min(...targets) : nominalThreshold(condition);
			return { met: targets.length > 0 && value >= target, threshold: target };
		}
	}
}

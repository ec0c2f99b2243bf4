// How quickly the window answers the agent, as User Timing measures the e2e run reads back
// (issue 15): a typeahead keystroke until its list is rendered, and a wizard step change until
// the new step is. Each is a `performance.measure` named "casco:<kind>"; nothing is sent anywhere.

import { tick } from "svelte";

/** What is measured: a keystroke in a picker, its search answer arriving, a step change. */
export type Kind = "typeahead" | "typeahead-answer" | "step";

/** The measure's name for `kind`, as the e2e run asks for it. */
export const measureName = (kind: Kind): string => `casco:${kind}`;

/**
 * Measures kept per kind before they are dropped. The performance timeline keeps every measure
 * until it is cleared, so a day of typing would otherwise grow it for ever; 2,000 is far more
 * than a test run reads at once and a few hundred KiB at most.
 */
export const KEEP = 2000;

const counts = new Map<Kind, number>();

/** How long ago an event may have started and still be on performance.now()'s clock (ms). */
const EVENT_AGE_MAX = 10_000;
/** How far an event's stamp may lie ahead of now from rounding alone (engines coarsen both to 1 ms at most). */
const ROUNDING = 1;

/**
 * When `event` happened, on performance.now()'s clock: its `timeStamp` (a DOMHighResTimeStamp
 * since the time origin in WebKit, Chromium and Gecko), or now when the engine gives something
 * else. An event being handled now happened in the last moments: a stamp from the future or
 * long ago (an epoch time, as older engines gave) is not on this clock.
 */
export function eventStart(event: Pick<Event, "timeStamp">): number {
  const now = performance.now();
  const age = now - event.timeStamp;
  return event.timeStamp > 0 && age > -ROUNDING && age < EVENT_AGE_MAX ? Math.min(event.timeStamp, now) : now;
}

/** Records `kind` from `start` until now, dropping that kind's older measures past KEEP. */
export function measureSince(kind: Kind, start: number): void {
  const name = measureName(kind);
  const count = (counts.get(kind) ?? 0) + 1;
  if (count > KEEP) {
    performance.clearMeasures(name);
    counts.set(kind, 1);
  } else counts.set(kind, count);
  performance.measure(name, { start, end: performance.now() });
}

/**
 * Records `kind` from `start` until what changed is rendered: Svelte has updated the DOM and
 * the engine has laid it out, so the next frame paints it without more work. Waiting for that
 * frame too (requestAnimationFrame) would add up to a frame of vsync alignment that is not the
 * app's doing.
 */
export async function measureRendered(kind: "typeahead" | "step", start: number): Promise<void> {
  await tick();
  // Reading a layout property makes the engine lay the page out now, inside the measure,
  // instead of just before the next paint where it would not be counted. Unit tests run
  // without a document.
  if (typeof document !== "undefined") void document.body.offsetHeight;
  measureSince(kind, start);
}

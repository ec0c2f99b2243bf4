import { afterEach, describe, expect, it } from "vitest";
import { eventStart, KEEP, measureName, measureRendered, measureSince } from "./responsiveness";

const durations = (name: string) => performance.getEntriesByName(name, "measure").map((e) => e.duration);

afterEach(() => {
  performance.clearMeasures();
});

describe("measureRendered", () => {
  it("records one measure from the start given until after the update", async () => {
    const start = performance.now() - 5;
    await measureRendered("typeahead", start);
    const [entry, ...rest] = performance.getEntriesByName("casco:typeahead", "measure");
    expect(rest).toEqual([]);
    expect(entry!.startTime).toBe(start);
    expect(entry!.duration).toBeGreaterThanOrEqual(5);
    expect(durations("casco:step")).toEqual([]);
  });

  it("keeps each kind's own measures", async () => {
    await measureRendered("step", performance.now());
    await measureRendered("step", performance.now());
    measureSince("typeahead-answer", performance.now());
    expect(durations(measureName("step"))).toHaveLength(2);
    expect(durations(measureName("typeahead-answer"))).toHaveLength(1);
  });
});

describe("measureSince", () => {
  it("drops a kind's older measures past KEEP, not the other kinds'", () => {
    measureSince("typeahead-answer", performance.now());
    for (let i = 0; i < KEEP * 2 + 10; i++) measureSince("typeahead", performance.now());
    const kept = durations("casco:typeahead").length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(KEEP);
    expect(durations("casco:typeahead-answer")).toHaveLength(1);
  });
});

describe("eventStart", () => {
  it("takes the event's stamp when it is on performance.now()'s clock", () => {
    const stamp = performance.now() - 3;
    expect(eventStart({ timeStamp: stamp })).toBe(stamp);
    // A stamp rounded up past now by the engine's coarser clock is taken as now.
    const now = performance.now();
    const start = eventStart({ timeStamp: now + 0.5 });
    expect(start).toBeGreaterThanOrEqual(now);
    expect(start).toBeLessThanOrEqual(now + 0.5);
  });

  it("falls back to now for an epoch stamp, one from the future or none", () => {
    for (const timeStamp of [Date.now(), performance.now() + 1000, 0, performance.now() - 60_000]) {
      const before = performance.now();
      const start = eventStart({ timeStamp });
      expect(start).toBeGreaterThanOrEqual(before);
      expect(start).toBeLessThanOrEqual(performance.now());
    }
  });
});

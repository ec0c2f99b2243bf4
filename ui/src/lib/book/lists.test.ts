import { describe, expect, it } from "vitest";
import { OneAction, stepFrom } from "./lists.svelte";

describe("stepFrom", () => {
  it("moves within the list and stops at its ends", () => {
    const list = ["a", "b", "c"];
    expect(stepFrom(list, "a", 1)).toBe("b");
    expect(stepFrom(list, "b", -1)).toBe("a");
    expect(stepFrom(list, "c", 1)).toBe("c");
    expect(stepFrom(list, "a", -5)).toBe("a");
    expect(stepFrom(list, "b", 0)).toBe("b");
  });

  it("has nowhere to go without a current line", () => {
    expect(stepFrom([], null, 1)).toBeNull();
    expect(stepFrom(["a"], null, 1)).toBeNull();
  });
});

describe("OneAction", () => {
  it("runs one action at a time and keeps why the last one failed", async () => {
    const lists = new OneAction();
    let finish: (problem: { key: "clients.gone" } | null) => void = () => {};
    const first = lists.run("a", () => new Promise((resolve) => (finish = resolve)));
    expect(lists.busy).toBe("a");
    expect(await lists.run("b", async () => null)).toBe(false);
    finish({ key: "clients.gone" });
    expect(await first).toBe(false);
    expect(lists.busy).toBeNull();
    expect(lists.actionError).toEqual({ key: "clients.gone" });
    expect(await lists.run("c", async () => null)).toBe(true);
    expect(lists.actionError).toBeNull();
  });
});

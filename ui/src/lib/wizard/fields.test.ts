import { describe, expect, it } from "vitest";
import { DRAFT_PATHS, ALWAYS_SENT } from "./generated";
import { ALL_FIELDS, stepOf } from "./fields";

describe("stepOf", () => {
  it("maps request paths to the step whose form holds them", () => {
    expect(stepOf("product.policyholder.taxId")).toBe("policyholder");
    expect(stepOf("product.vehicle.user.taxId")).toBe("user");
    expect(stepOf("product.vehicle.vin")).toBe("vehicle");
    expect(stepOf("product.additionalData.vehicle.equipmentValue")).toBe("vehicle");
    expect(stepOf("product.additionalData.vehicle.user.bonusMalusClass")).toBe("cover");
    expect(stepOf("product.motor.startDate")).toBe("cover");
  });
});

describe("the field table and the draft's slot table", () => {
  it("spell every request path and its draft field the same way", () => {
    // A compound control (the county and locality picker) edits the object its fields live in.
    const agrees = (f: { path: string; draft: string }) =>
      DRAFT_PATHS[f.path] === f.draft || (DRAFT_PATHS[f.path] ?? "").startsWith(`${f.draft}.`);
    const mismatched = ALL_FIELDS.filter((f) => f.path in DRAFT_PATHS && !agrees(f)).map(
      (f) => `${f.path}: ${f.draft} ≠ ${DRAFT_PATHS[f.path]}`,
    );
    expect(mismatched).toEqual([]);
  });

  it("know every field the agent can fill", () => {
    // The one control that is not part of the request: the user is the policyholder.
    const uiOnly = ["product.vehicle.user.sameAsPolicyholder"];
    const sent: readonly string[] = ALWAYS_SENT;
    const known = (path: string) => path in DRAFT_PATHS || sent.includes(path) || uiOnly.includes(path);
    const unknown = ALL_FIELDS.filter((f) => !known(f.path)).map((f) => f.path);
    expect(unknown).toEqual([]);
  });
});

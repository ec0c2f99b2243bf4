import { describe, expect, it } from "vitest";
import { emptyDraft } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { DRAFT_PATHS, ALWAYS_SENT, BONUS_MALUS_CLASSES, COVER_KEYS } from "./generated";
import {
  ALL_FIELDS,
  COVER_CHOICES,
  STEPS,
  STEP_GROUPS,
  fieldByPath,
  isUserGroup,
  makeName,
  optionText,
  shownStep,
  stepOf,
} from "./fields";

describe("stepOf", () => {
  it("maps request paths to the step whose form holds them", () => {
    expect(stepOf("product.policyholder.taxId")).toBe("policyholder");
    expect(stepOf("product.vehicle.user.taxId")).toBe("vehicle");
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

describe("the steps", () => {
  it("fold the Utilizator step into Vehicul, where a draft stored on it opens", () => {
    expect(STEPS).toEqual(["policyholder", "vehicle", "cover", "review", "offers"]);
    expect(shownStep("user")).toBe("vehicle");
    expect(shownStep("cover")).toBe("cover");
    const vehicle = STEP_GROUPS.vehicle;
    // The user block ends Vehicul: the switch first, the user's own fields only when unchecked.
    const userStart = vehicle.findIndex(isUserGroup);
    expect(vehicle.slice(userStart).every(isUserGroup)).toBe(true);
    expect(vehicle[userStart]!.fields.map((f) => f.path)).toEqual(["product.vehicle.user.sameAsPolicyholder"]);
    const d = emptyDraft();
    const shown = (draft: typeof d) => vehicle.filter((g) => isUserGroup(g) && (g.show?.(draft) ?? true)).length;
    expect(shown(d)).toBe(1);
    d.user.sameAsPolicyholder = false;
    expect(shown(d)).toBeGreaterThan(1);
  });
});

describe("the field table", () => {
  const group = (id: string) => STEP_GROUPS.cover.find((g) => g.id === id)!;

  it("shows the leasing contract only for a leased vehicle", () => {
    const d = emptyDraft();
    expect(group("leasing").show?.(d)).toBe(false);
    d.vehicle.isLeased = true;
    expect(group("leasing").show?.(d)).toBe(true);
  });

  it("offers the bonus-malus classes as a list with an empty choice, and the covers as checkboxes", () => {
    const bm = fieldByPath("product.additionalData.vehicle.user.bonusMalusClass")!;
    expect(bm.kind).toBe("select");
    expect(bm.blank).toBe(true);
    expect(bm.options!.map((o) => o.value)).toEqual([...BONUS_MALUS_CLASSES]);
    const covers = fieldByPath("product.coverages")!;
    expect(covers.kind).toBe("covers");
    expect(COVER_CHOICES.map((c) => c.value)).toEqual([...COVER_KEYS]);
    setLanguage("ro");
    expect(COVER_CHOICES.map(optionText)).toEqual([
      "Geamuri",
      "Asistență rutieră",
      "Mașină la schimb",
      "Despăgubire în bani (fără reparație)",
      "Furt",
      "Calamități naturale",
      "Valabilitate în străinătate",
      "Accidente persoane transportate",
    ]);
  });

  it("marks the market value and the insured sum as amounts in the policy's currency", () => {
    expect(fieldByPath("product.vehicle.marketValue")?.money).toBe(true);
    expect(fieldByPath("product.coverages.0.insuredSum")?.money).toBe(true);
  });

  it("writes makes as agents do", () => {
    expect(makeName("dacia")).toBe("Dacia");
    expect(makeName("DACIA")).toBe("Dacia");
    expect(makeName("mercedes-benz")).toBe("Mercedes-Benz");
    expect(makeName("bmw")).toBe("BMW");
    expect(makeName("")).toBe("");
  });
});

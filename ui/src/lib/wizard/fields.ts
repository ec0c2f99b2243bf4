// The wizard's fields as data: each names its request path (the key the Rust checks put
// messages under), where it lives in the draft, its label and control. The step components
// render these lists, so a field's message, its review line and its "missing" link all come
// from one place.

// Only types from the backend: the message catalogues read field labels from this table, and
// the backend's CommandError renders messages, so a value import from it would be a cycle.
import type { QuoteDraft, WizardStep } from "../backend";
import { CURRENCY_CHOICES, INSTALLMENT_CHOICES, TERM_MONTH_CHOICES } from "../backend/choices";
import { t, type MessageKey } from "../i18n/index.svelte";
import { BONUS_MALUS_CLASSES, COVER_KEYS } from "./generated";

export type FieldKind =
  | "text"
  | "date"
  | "select"
  | "radio"
  | "bool"
  | "tri"
  | "country"
  | "county"
  | "locality"
  | "make"
  | "model"
  | "covers";

export interface Option {
  value: string | number;
  /** A catalogue key, or the text itself for codes shown as they are (M1, RON). */
  label: MessageKey | string;
}

export interface FieldSpec {
  /** Dotted request path, e.g. `product.policyholder.taxId`. */
  path: string;
  /** Dotted path into the draft, e.g. `policyholder.taxId`. */
  draft: string;
  label: MessageKey | ((d: QuoteDraft) => MessageKey);
  kind: FieldKind;
  options?: Option[];
  /** A select whose draft value may be `null` (nothing chosen yet). */
  nullable?: boolean;
  /** A select over a text draft field: its empty choice ("— alegeți —") stores "". */
  blank?: boolean;
  show?: (d: QuoteDraft) => boolean;
  help?: MessageKey;
  inputmode?: "numeric" | "decimal" | "email" | "tel" | "text";
  /** Shown as an amount (1.234,56) in the review. */
  amount?: boolean;
  /** An amount in the policy's currency: the field and the review show "lei" / "EUR". */
  money?: boolean;
}

export interface FieldGroup {
  id: string;
  title: MessageKey;
  fields: FieldSpec[];
  show?: (d: QuoteDraft) => boolean;
}

/**
 * The steps the stepper shows. The draft's `"user"` step (Rust keeps it, so stored drafts still
 * read) is no step of its own any more: the user block ends Vehicul, see `shownStep`.
 */
export type Step = Exclude<WizardStep, "user">;
export type FormStep = Exclude<Step, "review" | "offers">;
export const STEPS: Step[] = ["policyholder", "vehicle", "cover", "review", "offers"];
export const FORM_STEPS: FormStep[] = ["policyholder", "vehicle", "cover"];

/**
 * The step that shows `step` now: a draft stored on the old Utilizator step opens on Vehicul,
 * whose last group is the user (the order of the fields is the one the agent knew).
 */
export function shownStep(step: WizardStep): Step {
  return step === "user" ? "vehicle" : step;
}

/** The DOM id of a field's control: the request path with dashes. */
export const fieldId = (path: string) => "f-" + path.replace(/\./g, "-");

/** Reads a dotted draft path. */
export function getAt(d: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], d);
}

/** Writes a dotted draft path. */
export function setAt(d: unknown, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop()!;
  const parent = keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d) as Record<string, unknown>;
  parent[last] = value;
}

/**
 * The step whose form holds a request path, so a message can send the agent to its field. The
 * vehicle's user (`product.vehicle.user.*`) is part of Vehicul.
 */
export function stepOf(path: string): FormStep {
  if (path.startsWith("product.policyholder")) return "policyholder";
  if (
    path.startsWith("product.vehicle") ||
    (path.startsWith("product.additionalData.vehicle.") && !path.startsWith("product.additionalData.vehicle.user"))
  )
    return "vehicle";
  return "cover";
}

const opts = (prefix: string, values: string[]): Option[] =>
  values.map((value) => ({ value, label: `${prefix}.${value}` }));

function partyGroups(draftPrefix: "policyholder" | "user.party", pathPrefix: string): FieldGroup[] {
  const party = (d: QuoteDraft) => (draftPrefix === "policyholder" ? d.policyholder : d.user.party);
  const person = (d: QuoteDraft) => party(d).kind === "person";
  const company = (d: QuoteDraft) => party(d).kind === "company";
  const foreign = (d: QuoteDraft) => person(d) && party(d).isForeign;
  const f = (spec: Omit<FieldSpec, "path" | "draft"> & { p: string; dr: string }): FieldSpec => {
    const { p, dr, ...rest } = spec;
    return { ...rest, path: `${pathPrefix}.${p}`, draft: `${draftPrefix}.${dr}` };
  };
  return [
    {
      id: "party",
      title: "wizard.group.party",
      fields: [
        f({ p: "isLegalEntity", dr: "kind", label: "q.kind", kind: "radio", options: opts("q.kind", ["person", "company"]) }),
        f({ p: "isForeignPerson", dr: "isForeign", label: "q.isForeign", kind: "bool", show: person }),
        f({
          p: "taxId",
          dr: "taxId",
          label: (d) => (company(d) ? "q.taxId.company" : party(d).isForeign ? "q.taxId.foreign" : "q.taxId.person"),
          kind: "text",
          inputmode: "numeric",
        }),
        f({ p: "lastName", dr: "lastName", label: "q.lastName", kind: "text", show: person }),
        f({ p: "firstName", dr: "firstName", label: "q.firstName", kind: "text", show: person }),
        f({ p: "businessName", dr: "businessName", label: "q.businessName", kind: "text", show: company }),
        f({ p: "companyRegistryNumber", dr: "tradeRegistryNumber", label: "q.companyRegistryNumber", kind: "text", show: company }),
        f({ p: "caenCode", dr: "caenCode", label: "q.caenCode", kind: "text", inputmode: "numeric", show: company }),
        f({ p: "nationality", dr: "nationality", label: "q.nationality", kind: "country", show: foreign }),
        f({ p: "citizenship", dr: "citizenship", label: "q.citizenship", kind: "country", show: foreign }),
        f({ p: "birthdate", dr: "birthdate", label: "q.birthdate", kind: "date", show: person }),
        f({ p: "gender", dr: "gender", label: "q.gender", kind: "select", nullable: true, options: opts("q.gender", ["m", "f"]), show: person }),
        f({ p: "drivingLicense.issueDate", dr: "licenceDate", label: "q.licenceDate", kind: "date", show: person }),
      ],
    },
    {
      id: "id",
      title: "wizard.group.id",
      show: person,
      fields: [
        f({ p: "identification.idType", dr: "idDocument.idType", label: "q.idType", kind: "select", nullable: true, options: opts("q.idType", ["CI", "BI", "PAS", "PS"]) }),
        f({ p: "identification.idNumber", dr: "idDocument.seriesNumber", label: "q.idNumber", kind: "text" }),
        f({ p: "identification.issueAuthority", dr: "idDocument.issuedBy", label: "q.issuedBy", kind: "text" }),
        f({ p: "identification.issueDate", dr: "idDocument.issueDate", label: "q.idIssueDate", kind: "date" }),
      ],
    },
    {
      id: "address",
      title: "wizard.group.address",
      fields: [
        f({ p: "address.county", dr: "address", label: "q.county", kind: "county" }),
        f({ p: "address.city", dr: "address", label: "q.locality", kind: "locality" }),
        f({ p: "address.street", dr: "address.street", label: "q.street", kind: "text" }),
        f({ p: "address.houseNumber", dr: "address.number", label: "q.number", kind: "text" }),
        f({ p: "address.building", dr: "address.building", label: "q.building", kind: "text" }),
        f({ p: "address.staircase", dr: "address.staircase", label: "q.staircase", kind: "text" }),
        f({ p: "address.apartment", dr: "address.apartment", label: "q.apartment", kind: "text" }),
        f({ p: "address.floor", dr: "address.floor", label: "q.floor", kind: "text" }),
        f({ p: "address.postcode", dr: "address.postcode", label: "q.postcode", kind: "text", inputmode: "numeric" }),
      ],
    },
    {
      id: "contact",
      title: "wizard.group.contact",
      fields: [
        f({ p: "email", dr: "email", label: "q.email", kind: "text", inputmode: "email" }),
        f({ p: "mobileNumber", dr: "mobile", label: "q.mobile", kind: "text", inputmode: "tel" }),
      ],
    },
    {
      id: "status",
      title: "wizard.group.status",
      show: person,
      fields: [
        f({ p: "residency", dr: "residency", label: "q.residency", kind: "select", options: [
          { value: "resident", label: "q.residency.resident" },
          { value: "nonResident", label: "q.residency.nonResident" },
        ] }),
        f({ p: "isRetired", dr: "isRetired", label: "q.isRetired", kind: "bool" }),
        f({ p: "hasDisability", dr: "hasDisability", label: "q.hasDisability", kind: "bool" }),
        f({ p: "politicalExposure", dr: "politicallyExposed", label: "q.pep", kind: "bool" }),
      ],
    },
  ];
}

const V = "product.vehicle";
const AV = "product.additionalData.vehicle";
/** A field builder for one part of the draft (`vehicle`, `cover`): request path, draft key, label, control. */
const fieldsOf =
  (part: "vehicle" | "cover") =>
  (p: string, dr: string, label: MessageKey, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    path: p,
    draft: `${part}.${dr}`,
    label,
    kind,
    ...extra,
  });
const v = fieldsOf("vehicle");
const c = fieldsOf("cover");
/** Categories agents name in words; the catalogue has a `q.category.<code>` label for each. */
const NAMED_CATEGORIES: Record<string, true> = { M1: true, M1G: true, M2: true, M3: true, N1: true, N2: true, N3: true, O1: true, O2: true, L1e: true, L3e: true, L6e: true, L7e: true };
const CATEGORIES = ["M1", "M1G", "M2", "M2G", "M3", "M3G", "N1", "N1G", "N2", "N2G", "N3", "N3G", "O1", "O2", "O3", "O4", "L1e", "L2e", "L3e", "L4e", "L5e", "L6e", "L7e", "T", "C", "R", "S"];

const vehicleGroups: FieldGroup[] = [
  {
    id: "vehicle",
    title: "wizard.group.vehicle",
    fields: [
      v(`${V}.vin`, "vin", "q.vin", "text"),
      v(`${V}.vehicleType`, "category", "q.category", "select", {
        nullable: true,
        // The common classes read with their name ("M1 autoturism"); the rest as their code.
        options: CATEGORIES.map((x) => ({ value: x, label: x in NAMED_CATEGORIES ? `q.category.${x}` : x })),
      }),
      v(`${V}.brand`, "make", "q.make", "make"),
      v(`${V}.model`, "model", "q.model", "model"),
      v(`${V}.yearOfConstruction`, "year", "q.year", "text", { inputmode: "numeric" }),
      v(`${V}.motorSeries`, "motorSeries", "q.motorSeries", "text"),
      v(`${V}.identification.idNumber`, "civSeries", "q.civSeries", "text"),
    ],
  },
  {
    id: "registration",
    title: "wizard.group.registration",
    fields: [
      v(`${V}.registrationType`, "registrationType", "q.registrationType", "select", {
        options: opts("q.registrationType", ["registered", "for-registration", "recorded", "temporary", "foreign"]),
      }),
      v(`${V}.licensePlate`, "plate", "q.plate", "text", { show: (d) => d.vehicle.registrationType !== "for-registration" }),
      v(`${V}.firstRegistration`, "firstRegistration", "q.firstRegistration", "date", {
        show: (d) => d.vehicle.registrationType !== "for-registration",
      }),
      v(`${V}.usageType`, "usageType", "q.usageType", "select", {
        options: opts("q.usageType", ["personal", "taxi", "rent-a-car", "ridesharing", "driving-school", "leasing"]),
      }),
      v(`${V}.ptiExpiryDate`, "ptiExpiry", "q.ptiExpiry", "date"),
      v(`${V}.vignetteExpiryDate`, "vignetteExpiry", "q.vignetteExpiry", "date"),
      v(`${V}.isNew`, "isNew", "q.isNew", "bool"),
      v(`${V}.isLeased`, "isLeased", "q.isLeased", "bool"),
      v(`${V}.isOwnerTransfer`, "isOwnerTransfer", "q.isOwnerTransfer", "bool"),
      v(`${V}.hasMobilityModifications`, "mobilityModifications", "q.mobilityModifications", "bool"),
    ],
  },
  {
    id: "technical",
    title: "wizard.group.technical",
    fields: [
      v(`${V}.engineDisplacement`, "engineCc", "q.engineCc", "text", { inputmode: "numeric" }),
      v(`${V}.enginePower`, "powerKw", "q.powerKw", "text", { inputmode: "numeric" }),
      v(`${V}.totalWeight`, "totalWeight", "q.totalWeight", "text", { inputmode: "numeric" }),
      v(`${V}.seats`, "seats", "q.seats", "text", { inputmode: "numeric" }),
      v(`${V}.fuelType`, "fuel", "q.fuel", "select", {
        nullable: true,
        options: opts("q.fuel", ["petrol", "diesel", "electric", "hybrid", "lpg", "none"]),
      }),
      v(`${V}.color`, "colour", "q.colour", "select", {
        nullable: true,
        options: opts("q.colour", ["white", "blue", "yellow", "gray", "brown", "black", "orange", "red", "green", "purple"]),
      }),
      v(`${V}.currentMileage`, "mileage", "q.mileage", "text", { inputmode: "numeric" }),
      v(`${V}.marketValue`, "marketValue", "q.marketValue", "text", { inputmode: "decimal", amount: true, money: true }),
      v(`${V}.keyNumber`, "keyCount", "q.keyCount", "text", { inputmode: "numeric" }),
    ],
  },
  {
    id: "vehicleExtra",
    title: "wizard.group.vehicleExtra",
    fields: [
      v(`${AV}.equipmentDescription`, "equipmentDescription", "q.equipmentDescription", "text"),
      v(`${AV}.equipmentValue`, "equipmentValue", "q.equipmentValue", "text", { inputmode: "decimal", amount: true }),
      v(`${AV}.acquisitionDate`, "acquisitionDate", "q.acquisitionDate", "date"),
      v(`${AV}.isFirstOwner`, "isFirstOwner", "q.isFirstOwner", "tri"),
      v(`${AV}.stolenVehicle`, "stolenBefore", "q.stolenBefore", "tri"),
      v(`${AV}.hasConstructionChanges`, "constructionChanges", "q.constructionChanges", "tri"),
      v(`${AV}.wheelOnTheRightSide`, "rightHandDrive", "q.rightHandDrive", "tri"),
      v(`${AV}.isAtv`, "isAtv", "q.isAtv", "tri"),
    ],
  },
];

const M = "product.motor";
const AD = "product.additionalData";
const coverGroups: FieldGroup[] = [
  {
    id: "policy",
    title: "wizard.group.policy",
    fields: [
      c(`${M}.startDate`, "startDate", "q.startDate", "date"),
      c(`${M}.termTime`, "termMonths", "q.termMonths", "select", {
        options: TERM_MONTH_CHOICES.map((n) => ({ value: n, label: String(n) })),
      }),
      c(`${M}.installmentCount`, "installments", "q.installments", "select", {
        options: INSTALLMENT_CHOICES.map((n) => ({ value: n, label: String(n) })),
      }),
      c(`${M}.currency`, "currency", "q.currency", "select", {
        options: CURRENCY_CHOICES.map((c) => ({ value: c, label: c })),
      }),
      c(`${M}.renewPolicy.series`, "renewalSeries", "q.renewalSeries", "text"),
      c(`${M}.renewPolicy.number`, "renewalNumber", "q.renewalNumber", "text"),
    ],
  },
  {
    id: "deductibles",
    title: "wizard.group.deductibles",
    fields: [
      c("product.coverages.0.insuredSum", "insuredSum", "q.insuredSum", "text", { inputmode: "decimal", amount: true, money: true, help: "q.insuredSum.help" }),
      c(`${M}.deductibles.partialDamage`, "deductiblePartial", "q.deductiblePartial", "text", { inputmode: "decimal", amount: true }),
      c(`${M}.deductibles.totalDamage`, "deductibleTotalPercent", "q.deductibleTotal", "text", { inputmode: "decimal" }),
    ],
  },
  {
    id: "covers",
    title: "wizard.group.covers",
    fields: [c("product.coverages", "extraCoverages", "q.extraCoverages", "covers", { help: "wizard.extraCoveragesHelp" })],
  },
  {
    id: "leasing",
    title: "wizard.group.leasing",
    // Only a leased vehicle has a leasing contract (the insurers ask for it only then).
    show: (d) => d.vehicle.isLeased,
    fields: [
      c(`${AD}.motor.contractType`, "leasingContractType", "q.leasingContractType", "select", {
        nullable: true,
        options: opts("q.leasingContractType", ["financial", "operational"]),
      }),
      c(`${AD}.motor.leasingContractNumber`, "leasingContractNumber", "q.leasingContractNumber", "text"),
    ],
  },
  {
    id: "bonusMalus",
    title: "wizard.group.bonusMalus",
    fields: [
      c(`${AD}.vehicle.user.bonusMalusClass`, "bonusMalusClass", "q.bonusMalusClass", "select", {
        blank: true,
        options: BONUS_MALUS_CLASSES.map((x) => ({ value: x, label: x })),
      }),
      c(`${AD}.vehicle.user.bonusMalusClaims`, "bonusMalusClaims", "q.bonusMalusClaims", "text", { inputmode: "numeric" }),
      c(`${AD}.vehicle.user.noYoungDrivers`, "noYoungDrivers", "q.noYoungDrivers", "tri"),
      c(`${AD}.coversMinorChildren`, "coversMinorChildren", "q.coversMinorChildren", "tri"),
      c(`${AD}.partnerNetworkRepairAgreement`, "partnerRepairNetwork", "q.partnerRepairNetwork", "tri"),
      c(`${AD}.specialAccordCashOnHand`, "cashOnHandAccord", "q.cashOnHandAccord", "tri"),
      c(`${AD}.filterPackages`, "filterPackages", "q.filterPackages", "tri"),
      c(`${AD}.personAccidentsPlan`, "personalAccidentPlan", "q.personalAccidentPlan", "text"),
      c(`${AD}.rafCode`, "rafCode", "q.rafCode", "text"),
    ],
  },
  {
    id: "other",
    title: "wizard.group.other",
    fields: [
      c(`${M}.mentions`, "mentions", "q.mentions", "text"),
      c(`${M}.withoutTax`, "withoutTax", "q.withoutTax", "bool"),
    ],
  },
];

const userSwitch: FieldSpec = {
  path: "product.vehicle.user.sameAsPolicyholder",
  draft: "user.sameAsPolicyholder",
  label: "wizard.userSame",
  kind: "bool",
};

/**
 * The vehicle's user: one checkbox in the common case (the user is the policyholder), the user's
 * own fields only when it is unchecked. Group ids start with "user" so the review can tell them
 * from the vehicle's own.
 */
const userGroups: FieldGroup[] = [
  { id: "user", title: "wizard.group.user", fields: [userSwitch] },
  ...partyGroups("user.party", "product.vehicle.user").map((g) => ({
    ...g,
    id: `user-${g.id}`,
    show: (d: QuoteDraft) => !d.user.sameAsPolicyholder && (g.show?.(d) ?? true),
  })),
];

/** Whether a group of Vehicul is the user block (reviewed as its own section). */
export const isUserGroup = (g: FieldGroup) => g.id === "user" || g.id.startsWith("user-");

/** The field groups of each form step, in screen (and tab) order. */
export const STEP_GROUPS: Record<FormStep, FieldGroup[]> = {
  policyholder: partyGroups("policyholder", "product.policyholder"),
  vehicle: [...vehicleGroups, ...userGroups],
  cover: coverGroups,
};

/** The optional covers the agent can tick, in catalogue order, with their labels. */
export const COVER_CHOICES: Option[] = COVER_KEYS.map((key) => ({ value: key, label: `q.cover.${key}` }));

/** Every field, for looking up a request path's label and step. */
export const ALL_FIELDS: FieldSpec[] = FORM_STEPS.flatMap((s) => STEP_GROUPS[s].flatMap((g) => g.fields));

export function fieldByPath(path: string): FieldSpec | undefined {
  return ALL_FIELDS.find((f) => f.path === path);
}

export function labelOf(spec: FieldSpec, d: QuoteDraft): MessageKey {
  return typeof spec.label === "function" ? spec.label(d) : spec.label;
}

/**
 * A make as agents write it: the API spells makes as slugs ("dacia", "alfa-romeo"), the
 * reference lists sometimes in capitals. Short names are acronyms (BMW, MG, DS, BYD, ARO).
 */
export function makeName(make: string): string {
  return make
    .trim()
    .split("-")
    .map((w) => (w.length <= 3 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("-");
}

/** An option's text: catalogue keys (`q.…`) translated, codes (M1, RON) as they are. */
export function optionText(o: Option): string {
  return /^q\./.test(o.label) ? t(o.label as MessageKey) : o.label;
}

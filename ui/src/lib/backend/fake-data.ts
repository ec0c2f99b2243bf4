// The fake backend's data: defaults that mirror casco-core's, and the small reference lists
// the tests search. Kept apart from FakeBackend so the class reads as behaviour only.
import type { Country, County, InsurerView, Locality, PartyDraft, QuoteDraft, Settings, VehicleModel } from "./types";

/** Default settings, mirroring `Settings::default()` in casco-core. */
export function defaultSettings(): Settings {
  return {
    environment: { kind: "demo", customUrl: "" },
    agency: { name: "", brokerCode: "", address: "", phone: "", email: "", logoFile: null },
    defaults: { currency: "RON", installments: 1, termMonths: 12 },
    language: "ro",
    referenceData: { ttlDays: 7 },
    quoting: { timeoutSeconds: 60 },
    disabledInsurers: [],
    documents: { folder: "" },
    diagnostic: { logDays: 30 },
    renewals: { windowDays: 45 },
  };
}

/** An empty party, mirroring `PartyDraft::default()` in casco-core. */
function emptyParty(): PartyDraft {
  return {
    kind: "person", taxId: "", lastName: "", firstName: "", isForeign: false, nationality: "", citizenship: "",
    gender: null, birthdate: "", idDocument: { idType: null, seriesNumber: "", issuedBy: "", issueDate: "" },
    licenceDate: "", email: "", mobile: "", hasDisability: false, isRetired: false, residency: "resident",
    politicallyExposed: false, businessName: "", tradeRegistryNumber: "", caenCode: "",
    address: {
      country: "RO", countyCode: "", countyName: "", localitySiruta: "", localityName: "", street: "", number: "",
      building: "", staircase: "", apartment: "", floor: "", postcode: "",
    },
  };
}

/** A fresh draft, mirroring `QuoteDraft::default()` in casco-core. */
export function emptyDraft(): QuoteDraft {
  return {
    step: "policyholder",
    policyholder: emptyParty(),
    vehicle: {
      vin: "", motorSeries: "", plate: "", registrationType: "registered", firstRegistration: "", usageType: "personal",
      category: null, make: "", model: "", year: "", engineCc: "", powerKw: "", totalWeight: "", seats: "", fuel: null,
      mileage: "", colour: null, marketValue: "", keyCount: "", ptiExpiry: "", vignetteExpiry: "", civSeries: "",
      mobilityModifications: false, isLeased: false, isNew: false, isOwnerTransfer: false, equipmentDescription: "",
      equipmentValue: "", acquisitionDate: "", isFirstOwner: null, stolenBefore: null, constructionChanges: null,
      rightHandDrive: null, isAtv: null, identifiers: {},
    },
    user: { sameAsPolicyholder: true, party: emptyParty() },
    cover: {
      startDate: "", termMonths: 12, installments: 1, currency: "RON", insuredSum: "", deductiblePartial: "",
      deductibleTotalPercent: "", extraCoverages: [], renewalSeries: "", renewalNumber: "", leasingContractType: null,
      leasingContractNumber: "", bonusMalusClass: "", bonusMalusClaims: "", noYoungDrivers: null,
      coversMinorChildren: null, partnerRepairNetwork: null, cashOnHandAccord: null, personalAccidentPlan: "",
      rafCode: "", filterPackages: null, mentions: "", withoutTax: false,
    },
    insurers: [],
  };
}

export const FAKE_COUNTRIES: Country[] = [
  { id: "1", name: "GRECIA", iso2: "GR", iso3: "GRC" },
  { id: "2", name: "ROMÂNIA", iso2: "RO", iso3: "ROU" },
];
export const FAKE_COUNTIES: County[] = [
  { code: "BV", name: "BRAŞOV", siruta: 83 },
  { code: "CJ", name: "CLUJ", siruta: 127 },
];
export const FAKE_LOCALITIES: Locality[] = [
  { siruta: 54984, name: "CLUJ-NAPOCA", countyCode: "CJ", rank: 1 },
  { siruta: 55255, name: "DEJ", countyCode: "CJ", rank: 1 },
  { siruta: 57706, name: "FLOREŞTI", countyCode: "CJ", rank: 3 },
  { siruta: 40198, name: "BRAŞOV", countyCode: "BV", rank: 1 },
];
export const FAKE_MODELS: VehicleModel[] = [
  { make: "DACIA", name: "LOGAN" },
  { make: "DACIA", name: "SANDERO" },
  { make: "SKODA", name: "OCTAVIA" },
];

/** Case and diacritics folding, enough for the fake's lists. */
const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
export const matches = (name: string, query: string) =>
  fold(query).split(/[\s-]+/).filter(Boolean).every((w) => fold(name).split(/[\s-]+/).some((n) => n.startsWith(w)));

export const FAKE_INSURERS: Omit<InsurerView, "enabled" | "credentials" | "account">[] = [
  { key: "generali", name: "Generali", product: "casco", offerCurrency: "RON" },
  { key: "grawe", name: "Grawe", product: "casco", offerCurrency: "EUR" },
  { key: "groupama", name: "Groupama", product: "casco-leasing", offerCurrency: "RON" },
];

import { afterEach, describe, expect, it } from "vitest";
import insurers from "../../../../../crates/casco-api/data/insurers.json";
import { CommandError, type Message } from "../../backend";
import { setLanguage } from "../index.svelte";
import { REQUIRED_FIELDS_EN } from "./en";
import { messageCatalogues, render, renderIn, say, type MessageCode } from "./index";
import { REQUIRED_FIELDS_RO } from "./ro";

const FLOOR = "product.policyholder.address.floor";

/** Every parameter any code takes, so each sentence can be rendered without knowing its code. */
const SAMPLE_PARAMS = {
  allowed: "RON, EUR", min: "1", max: "12", maxKb: 1024, insurer: "Grawe", path: FLOOR, message: "Nu.",
  text: "Etaj obligatoriu", host: "evil.example", bytes: 3000, limit: 2048, name: "CLUJ", siruta: "99999999999",
  list: "localities", of: "CLUJ", kept: "/x/settings.json.bad", folder: "/x/old", copy: "/x/casco.db.corrupt-1",
  detail: "disk I/O error", values: [{ insurer: "Grawe", amount: "26300.00", currency: "RON" }],
  product: "casco-leasing", vehicles: "leased", leased: true,
  methods: ["pos", "receipt"], currency: "EUR", amount: "1234.50", days: 30, date: "2026-12-01",
  series: "GRW", number: "123", limitMib: 20,
};
const sample = (code: MessageCode) => ({ ...SAMPLE_PARAMS, code }) as Message;

describe("message catalogues", () => {
  afterEach(() => setLanguage("ro"));

  it("word every code in both languages, Romanian with comma-below ș ț", () => {
    const codes = Object.keys(messageCatalogues.ro) as MessageCode[];
    expect(Object.keys(messageCatalogues.en).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const ro = renderIn("ro", sample(code));
      expect(ro.trim(), `ro:${code}`).not.toBe("");
      expect(renderIn("en", sample(code)).trim(), `en:${code}`).not.toBe("");
      expect(/[şţŞŢ]/.test(ro), `ro:${code}`).toBe(false);
    }
  });

  it("render codes with their parameters exactly as the agent has always read them", () => {
    const cases: [Message, string, string][] = [
      [{ code: "required" }, "Câmp obligatoriu.", "Required field."],
      [{ code: "wrongCredentials" }, "Contul sau parola nu sunt corecte.", "The account or the password is not correct."],
      [{ code: "outOfRange", min: "1", max: "12" }, "Valoarea trebuie să fie între 1 și 12.", "The value must be between 1 and 12."],
      [
        { code: "insurerRequires", insurer: "Grawe", path: FLOOR },
        "Asigurătorul Grawe cere etajul din adresa asiguratului.",
        "Grawe requires the floor in the policyholder's address.",
      ],
      [
        { code: "serverRefused", message: "Asigurătorul nu este activ." },
        "Serverul a refuzat cererea: Asigurătorul nu este activ.",
        "The server refused the request: Asigurătorul nu este activ.",
      ],
      [{ code: "serverSaid", text: "Etaj obligatoriu" }, "Etaj obligatoriu", "Etaj obligatoriu"],
      [{ code: "switchedOff" }, "Dezactivat în setări.", "Switched off in settings."],
      [{ code: "listLabel", list: "localities", of: "CLUJ" }, "Localități — CLUJ", "Localities — CLUJ"],
      [{ code: "listLabel", list: "makes", of: null }, "Mărci auto", "Vehicle makes"],
      [
        { code: "listNeverSynced", list: "localities", of: "CJ" },
        "Lista de localități pentru județul CJ nu a fost încă descărcată. Conectați-vă și apăsați «Sincronizează acum».",
        "The list of localities for county CJ has not been downloaded yet. Connect and press “Sync now”.",
      ],
      [
        { code: "sirutaInvalid", name: "X", siruta: "4294967296" },
        "Cod SIRUTA invalid pentru X: 4294967296.",
        "Invalid SIRUTA code for X: 4294967296.",
      ],
      [
        { code: "storeUnusable", detail: "database is locked" },
        "Baza de date locală nu poate fi folosită (database is locked).",
        "The local database cannot be used (database is locked).",
      ],
      [{ code: "unexpected", detail: "boom" }, "Eroare neașteptată: boom", "Unexpected error: boom"],
      [
        { code: "paymentMethodNotTaken", insurer: "Grawe", methods: ["pos", "payment order"] },
        "Grawe acceptă doar: POS (card), Ordin de plată.",
        "Grawe takes only: POS (card), Payment order.",
      ],
      [
        { code: "paymentBelowFirstInstallment", amount: "1234.5", currency: "RON" },
        "Suma plătită nu acoperă prima rată (1.234,50 lei).",
        "The amount paid does not cover the first installment (1,234.50 RON).",
      ],
    ];
    for (const [m, ro, en] of cases) {
      expect(renderIn("ro", m)).toBe(ro);
      expect(renderIn("en", m)).toBe(en);
    }
  });

  it("name a field an insurer requires by its label, or its path, when no phrase names it", () => {
    const lastName: Message = { code: "insurerRequires", insurer: "Uniqa", path: "product.policyholder.lastName" };
    expect(renderIn("ro", lastName)).toBe("Asigurătorul Uniqa cere Nume.");
    expect(renderIn("en", lastName)).toBe("Uniqa requires Last name.");
    const unknown: Message = { code: "insurerRequires", insurer: "Uniqa", path: "product.vehicle.secretCode" };
    expect(renderIn("ro", unknown)).toBe("Asigurătorul Uniqa cere product.vehicle.secretCode.");
  });

  it("have a phrase in both languages for every field an insurer requires", () => {
    const paths = new Set(insurers.flatMap((i) => i.requiredFields.map((f) => f.path)));
    expect(paths.size).toBeGreaterThan(0);
    for (const path of paths) {
      expect(REQUIRED_FIELDS_RO[path], path).toBeDefined();
      expect(REQUIRED_FIELDS_EN[path], path).toBeDefined();
    }
    expect(Object.keys(REQUIRED_FIELDS_EN).sort()).toEqual(Object.keys(REQUIRED_FIELDS_RO).sort());
  });
});

describe("render", () => {
  afterEach(() => setLanguage("ro"));

  it("follows the language switch, for a message and for a command error", () => {
    const requires: Message = { code: "insurerRequires", insurer: "Grawe", path: FLOOR };
    const error = new CommandError({ code: "auth", message: { code: "wrongCredentials" } });
    setLanguage("ro");
    expect(render(requires)).toBe("Asigurătorul Grawe cere etajul din adresa asiguratului.");
    expect(error.message).toBe("Contul sau parola nu sunt corecte.");
    setLanguage("en");
    expect(render(requires)).toBe("Grawe requires the floor in the policyholder's address.");
    expect(error.message).toBe("The account or the password is not correct.");
    expect(error.code).toBe("auth");
  });

  it("words a UI sentence whose parameters are messages", () => {
    const failed = { key: "offers.identify.failed", params: { message: { code: "cannotIdentify" } } } as const;
    setLanguage("ro");
    expect(say(failed)).toBe(
      "Vehiculul nu a putut fi identificat: Vehiculul nu poate fi identificat: completați câmpurile marcate.",
    );
    setLanguage("en");
    expect(say(failed)).toBe(
      "The vehicle could not be identified: The vehicle cannot be identified: complete the marked fields.",
    );
  });
});

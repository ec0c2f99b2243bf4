import { beforeEach, describe, expect, it } from "vitest";
import { CommandError, type ApiCallEntry, type AppError } from "../backend";
import { FakeBackend } from "../backend/fake";
import { allCatalogues, setLanguage, t } from "../i18n/index.svelte";
import { say } from "../i18n/messages";
import {
  callCount,
  dayCount,
  formatDuration,
  formatMoment,
  formatSize,
  LOG_DAY_CHOICES,
  operationKey,
  result,
} from "./diagnostic";
import { DiagnosticLog } from "./diagnostic-log.svelte";
import { SettingsForm } from "./form.svelte";

const quote: ApiCallEntry = {
  at: "2026-12-03T09:15:00Z",
  operation: "quote",
  insurer: "groupama",
  insurerName: "Groupama",
  client: "Ș. Ț. 1900101•••••••",
  status: 200,
  outcome: "answered",
  durationMs: 812,
  responseBytes: 2048,
};

describe("how a logged call reads", () => {
  beforeEach(() => setLanguage("ro"));

  it("names every route of casco-api's table, and shows an unknown one as itself", () => {
    expect(t(operationKey("quote")!)).toBe("Cerere ofertă");
    expect(t(operationKey("offer_pdf")!)).toBe("PDF ofertă");
    expect(t(operationKey("vehicle_identification")!)).toBe("Identificare vehicul");
    expect(operationKey("quote_v2")).toBeNull();
    expect(operationKey("diagnostic.title")).toBeNull();
  });

  it("shows the HTTP status of an answer, an error status as not ok", () => {
    expect(result(quote)).toEqual({ kind: "status", status: 200, ok: true });
    expect(result({ status: 502, outcome: "answered" })).toEqual({ kind: "status", status: 502, ok: false });
    expect(result({ status: 403, outcome: "answered" })).toMatchObject({ ok: false });
  });

  it("says how a call without an answer ended", () => {
    const abandoned = result({ status: null, outcome: "abandoned" });
    expect(abandoned).toEqual({ kind: "ended", key: "diagnostic.outcome.abandoned", status: null });
    expect(t("diagnostic.outcome.abandoned")).toBe("Fără răspuns la timp");
    expect(result({ status: 302, outcome: "redirected" })).toEqual({
      kind: "ended",
      key: "diagnostic.outcome.redirected",
      status: 302,
    });
    expect(result({ status: null, outcome: "noConnection" })).toMatchObject({ key: "diagnostic.outcome.noConnection" });
  });

  it("formats durations and sizes as agents read them", () => {
    expect(formatDuration(812)).toBe("812 ms");
    expect(formatDuration(1234)).toBe("1,2 s");
    expect(formatDuration(1234, "en")).toBe("1.2 s");
    expect(formatDuration(59_949)).toBe("59,9 s");
    expect(formatDuration(125_400)).toBe("2 min 05 s");
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(2048)).toBe("2,0 KB");
    expect(formatSize(1_468_006)).toBe("1,4 MB");
    expect(formatSize(1_468_006, "en")).toBe("1.4 MB");
  });

  it("counts days as Romanian says them", () => {
    expect([1, 7, 14, 19, 20, 30, 90, 100, 101, 119, 120, 365].map((n) => dayCount(n))).toEqual([
      "1 zi", "7 zile", "14 zile", "19 zile", "20 de zile", "30 de zile", "90 de zile", "100 de zile",
      "101 zile", "119 zile", "120 de zile", "365 de zile",
    ]);
    expect(dayCount(1, "en")).toBe("1 day");
    expect(dayCount(30, "en")).toBe("30 days");
    expect([1, 12, 91, 200, 1020].map((n) => callCount(n))).toEqual([
      "1 apel", "12 apeluri", "91 de apeluri", "200 de apeluri", "1.020 de apeluri",
    ]);
    expect(callCount(1020, "en")).toBe("1,020 calls");
  });

  it("shows the time of a call to the second, in local time", () => {
    const d = new Date(2026, 11, 3, 9, 5, 7);
    expect(formatMoment(d.toISOString())).toBe("03.12.2026 09:05:07");
    expect(formatMoment("not a date")).toBe("not a date");
  });

  it("offers the default of 30 days among the choices", () => {
    expect(LOG_DAY_CHOICES).toContain(30);
    expect(Object.keys(allCatalogues.en).filter((k) => k.startsWith("diagnostic.op."))).toHaveLength(13);
  });
});

describe("DiagnosticLog", () => {
  let fake: FakeBackend;

  beforeEach(() => {
    setLanguage("ro");
    fake = new FakeBackend();
    fake.apiLog = [quote, { ...quote, operation: "login", insurer: null, insurerName: null, client: null }];
  });

  it("reads the newest calls up to its limit", async () => {
    const log = new DiagnosticLog(fake, 1);
    expect(log.loaded).toBe(false);
    await log.refresh();
    expect(log.loaded).toBe(true);
    expect(log.entries).toEqual([quote]);
  });

  it("keeps the written file, and changes nothing when the dialog is cancelled", async () => {
    const log = new DiagnosticLog(fake);
    await log.export();
    expect(log.exported).toBeNull();
    fake.exportTo = "/home/agent/Documente/jurnal.json";
    await log.export();
    expect(log.exported).toEqual({ path: "/home/agent/Documente/jurnal.json", calls: 2 });
    expect(log.exporting).toBe(false);
    fake.exportTo = null;
    await log.export();
    expect(log.exported?.calls, "a cancelled dialog keeps the last file shown").toBe(2);
  });

  it("says why an export failed", async () => {
    const failure: AppError = { code: "storage", message: { code: "fileProblem", detail: "/x: denied" } };
    fake.exportApiLog = async () => {
      throw new CommandError(failure);
    };
    const log = new DiagnosticLog(fake);
    await log.export();
    expect(say(log.notice!)).toContain("/x: denied");
    expect(log.exporting).toBe(false);
  });
});

describe("SettingsForm.chooseLogDays", () => {
  it("saves the days at once and leaves other unsaved edits in the draft", async () => {
    const fake = new FakeBackend();
    const form = new SettingsForm(fake);
    await form.load();
    form.draft.agency.name = "Broker Asig SRL";
    expect(await form.chooseLogDays(90)).toBe(true);
    expect(fake.stored.diagnostic.logDays).toBe(90);
    expect(fake.stored.agency.name, "the unsaved name is not saved with it").toBe("");
    expect(form.draft.diagnostic.logDays).toBe(90);
    expect(form.draft.agency.name).toBe("Broker Asig SRL");
  });

  it("puts a refusal under the field", async () => {
    const fake = new FakeBackend();
    const outOfRange = { code: "outOfRange", min: "1", max: "365" } as const;
    fake.reject = (s) =>
      s.diagnostic.logDays > 365
        ? { code: "validation", message: { code: "fixHighlighted" }, fields: { "diagnostic.logDays": [outOfRange] } }
        : null;
    const form = new SettingsForm(fake);
    await form.load();
    expect(await form.chooseLogDays(400)).toBe(false);
    expect(form.errors["diagnostic.logDays"]).toEqual([outOfRange]);
    expect(fake.stored.diagnostic.logDays).toBe(30);
  });
});

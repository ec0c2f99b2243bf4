// Issue 13 in the real window, Demo, for the client Ștefănescu Țuțu-Ioana:
// 1. the 10 insurers quoted, three offers ticked, the client proposal made: the PDF exists and
//    reads (pdftotext) the client's name with its diacritics, the agency, the three insurers and
//    their premiums as on screen; page 1 rendered (pdftoppm) among the screenshots;
// 2. an offer PDF downloaded: saved, `%PDF-`, opened through the system opener (the harness's
//    stand-in xdg-open logs it); a second click opens the saved file with no GET /offer (the
//    Demo sandbox's request log counts the calls);
// 3. the policy issued with POS: series and number shown, the policy PDF saved and opened, and a
//    double press of the confirm button sent exactly one POST /policy;
// 4. with /policy hanging, the app killed mid-call: on the next start the offer is "Emitere
//    neconfirmată", "Verifică" gives the policy, and the sandbox's book holds one policy for it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { bucharestDay, capture, crash, dataDir, launch, press, resize, scenario, SHOTS } from "./app.mjs";
import { premiumsOffScreen, seedComplete } from "./flows.mjs";
import { requestCount } from "./sandbox.mjs";
import { Key } from "./webdriver.mjs";
import { invoke } from "./wizard.mjs";

let app;
scenario(() => app);

const CLIENT = "Ștefănescu Țuțu-Ioana";
const AGENCY = "Agenția Ștefan & Țugui SRL";
const OPENED = process.env.CASCO_OPENED_LOG;
const REQUESTS = join(process.env.CASCO_TMP, "issuing-requests.log");
const NORMAL = join(process.env.CASCO_TMP, "issuing-sandbox.json");
const HANGING = join(process.env.CASCO_TMP, "issuing-sandbox-hang.json");
writeFileSync(NORMAL, JSON.stringify({ requestLog: REQUESTS }));
writeFileSync(HANGING, JSON.stringify({ routeFailures: { issue_policy: { failure: "hang", times: 1 } }, requestLog: REQUESTS }));

/** The Demo sandbox's requests so far on `route`. */
const requests = (route) => requestCount(REQUESTS, route);

/** What the stand-in xdg-open was asked to open, in order. */
function opened() {
  assert.ok(OPENED, "CASCO_OPENED_LOG is set by the harness");
  return existsSync(OPENED) ? readFileSync(OPENED, "utf8").split("\n").filter(Boolean) : [];
}

/** Waits until the opener was called `count` times, and returns the last path. */
async function openedAt(count) {
  await app.poll(async () => opened().length >= count, 20000, () => `the opener was called ${count} times (log: ${opened().join(" | ")})`);
  return opened()[count - 1];
}

function pdfText(file) {
  const out = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

function assertPdf(file) {
  assert.ok(existsSync(file), `${file} exists`);
  assert.equal(readFileSync(file).subarray(0, 5).toString("latin1"), "%PDF-", `${file} is a PDF`);
}

/** A complete draft for the client, with what every sandbox insurer asks for. */
const seedDraft = () =>
  seedComplete(app, {
    holder: {
      taxId: "2850315125792", lastName: "Ștefănescu", firstName: "Țuțu-Ioana", gender: "f", birthdate: "15.03.1985",
      email: "tutu.stefanescu@example.ro", licenceDate: "15.05.2005",
    },
    vehicle: { vin: "UU1LSDAAG12345678", plate: "CJ 34 TUT" },
  });

async function settled(timeout = 30000) {
  await app.waitFor("#offers-table");
  await app.waitGone("#offers-table tr.offer-row[data-stale]", timeout);
  await app.waitGone("#offers-table tr.insurer-row[data-state=waiting]", timeout);
}

/** Every insurer quoted from Oferte, ten current offers. */
async function quoteAll() {
  await press(app, "#step-offers");
  await press(app, "#offers-ask:not([disabled])", 30000);
  await app.waitUntil("return document.querySelectorAll('#offers-table tr.offer-row').length === 10;", { timeout: 30000, what: "ten offers" });
  await settled();
}

/** The offer lines as the screen shows them: insurer key, name, premium text, offer id. */
const rows = () =>
  app.exec(`return [...document.querySelectorAll('#offers-table tr.offer-row')].map((r) => ({
    insurer: r.dataset.insurer,
    name: r.querySelector('td.insurer strong').textContent.trim(),
    premium: r.querySelector('td.premium').textContent.trim(),
    offerId: r.dataset.key.slice(r.dataset.insurer.length + 1),
  }));`);

const shot = (name) => capture(app, name);

let draftId;
let quoted;

test("1. a proposal for three ticked offers names the client, the agency, the insurers and their premiums", async () => {
  app = await launch(["--demo-sandbox-config", NORMAL]);
  await app.waitFor("#conn-status.online", { timeout: 20000 });
  const settings = await invoke(app, "get_settings");
  settings.agency = { ...settings.agency, name: AGENCY, brokerCode: "RBK-123", address: "Str. Memorandumului 28, Cluj-Napoca" };
  await invoke(app, "save_settings", { settings });
  draftId = await seedDraft();
  await app.end();

  app = await launch(["--demo-sandbox-config", NORMAL]);
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
  await quoteAll();
  quoted = await rows();
  // The document actions take no room from the ten premiums at the smallest window.
  await resize(app, 1100, 700);
  assert.deepEqual(await premiumsOffScreen(app), [], "every premium visible at 1100×700");
  await resize(app, 1280, 800);
  await shot("60-issuing-comparison");

  await press(app, "#proposal-open");
  await app.waitFor("#proposal-dialog");
  // Every unexpired offer is ticked, cheapest first; the agent keeps the first three.
  const ticked = await app.exec("return [...document.querySelectorAll('#proposal-dialog input[type=checkbox]')].map((c) => [c.dataset.insurer, c.checked]);");
  assert.deepEqual(ticked.map(([k]) => k), quoted.map((r) => r.insurer), "the dialog lists the offers in the comparison's order");
  assert.ok(ticked.every(([, on]) => on), "every unexpired offer ticked by default");
  for (const row of quoted.slice(3)) await press(app, `#proposal-dialog input[data-insurer='${row.insurer}']`);
  await (await app.find("#proposal-recommendation")).type("Recomandăm oferta cea mai avantajoasă.");
  await shot("61-proposal-dialog");
  const before = opened().length;
  await press(app, "#proposal-make");
  const file = await openedAt(before + 1);
  await app.waitFor("#proposal-dialog .doc-saved");
  assertPdf(file);
  assert.match(file, /Casco Desk/);
  const text = pdfText(file);
  for (const needle of [CLIENT, AGENCY, "Pagina 1 din", "Recomandăm"]) assert.ok(text.includes(needle), `${needle} in the proposal:\n${text}`);
  for (const row of quoted.slice(0, 3)) {
    assert.ok(text.includes(row.name), `${row.name} in the proposal`);
    assert.ok(text.includes(row.premium), `${row.premium} (${row.name}) in the proposal as on screen`);
  }
  for (const row of quoted.slice(3)) assert.ok(!text.includes(row.name), `${row.name} was not ticked`);
  const page = spawnSync("pdftoppm", ["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", file, join(SHOTS, "64-proposal-page1")]);
  assert.equal(page.status, 0, String(page.stderr));
  await press(app, "#proposal-close");
  await app.waitGone("#proposal-dialog");
});

test("2. an offer PDF is downloaded once, saved, opened, and opened again with no new request", async () => {
  const first = quoted[0];
  const sel = `#offers-table tr.offer-row[data-insurer='${first.insurer}'] button.doc`;
  const before = opened().length;
  const gets = requests("offer_pdf");
  await press(app, sel);
  const file = await openedAt(before + 1);
  assertPdf(file);
  assert.match(file, /Ofert/);
  assert.equal(requests("offer_pdf"), gets + 1, "one GET /offer");
  await app.waitFor(`${sel}:not([disabled])`);
  await press(app, sel);
  assert.equal(await openedAt(before + 2), file, "the saved file opened again");
  assert.equal(requests("offer_pdf"), gets + 1, "the second click sent no GET /offer");
});

test("3. the policy is issued with POS once, however the confirm button is pressed", async () => {
  const first = quoted[0];
  await press(app, `#offers-table tr.offer-row[data-insurer='${first.insurer}'] button.choose`);
  await app.waitFor("#chosen-note");
  await press(app, "#issue-open:not([disabled])");
  await app.waitFor("#issue-dialog #pay-method");
  assert.equal(await (await app.find("#pay-method")).property("value"), "pos", "card by default");
  assert.equal(await (await app.find("#pay-date")).property("value"), bucharestDay(0), "paid today by default");

  // A receipt needs its number: Continuă shows the message under the field.
  await app.exec("const s = document.getElementById('pay-method'); s.value = 'receipt'; s.dispatchEvent(new Event('change', { bubbles: true }));");
  await press(app, "#issue-continue");
  await app.waitFor("#pay-document-error");
  await shot("62-issue-payment-error");
  await app.exec("const s = document.getElementById('pay-method'); s.value = 'pos'; s.dispatchEvent(new Event('change', { bubbles: true }));");
  await app.waitGone("#pay-document");
  await press(app, "#issue-continue");
  const summary = await (await app.waitFor("#issue-summary")).text();
  assert.ok(summary.includes(CLIENT), "the confirmation names the client");
  assert.ok(summary.includes(first.name) && summary.includes(first.premium), "and the insurer with its premium");
  await shot("63-issue-confirm");

  // Two presses in the same instant, then Enter on the focused button: one POST /policy.
  const posts = requests("issue_policy");
  const before = opened().length;
  await app.exec("const b = document.getElementById('issue-confirm'); b.focus(); b.click(); b.click();");
  await app.keys(Key.Enter, Key.Enter);
  const number = await (await app.waitFor("#issue-policy", { timeout: 60000 })).text();
  assert.match(number, /^Seria \S+ nr\. \S+/);
  assert.equal(requests("issue_policy"), posts + 1, "exactly one POST /policy");
  const policyFile = await openedAt(before + 1);
  assertPdf(policyFile);
  // The insurer writes the name its own way round ("Țuțu-Ioana Ștefănescu"), diacritics kept.
  const policyText = pdfText(policyFile);
  for (const part of CLIENT.split(" ")) assert.ok(policyText.includes(part), `${part} in the policy PDF:\n${policyText}`);
  await app.waitFor("#issue-dialog .doc-saved");
  await shot("65-issue-issued");

  await press(app, "#issue-close");
  await app.waitGone("#issue-dialog");
  const [, series, num] = /^Seria (\S+) nr\. (\S+)/.exec(number);
  await app.waitFor("#issued-policy-number", { text: `${series} ${num}` });
  await app.waitFor("#wizard-policy", { text: `${series} ${num}` });
  assert.equal(requests("issue_policy"), posts + 1, "still one POST /policy");
  // The draft is read-only now: no choosing, no re-quoting, step 1 disabled.
  await app.waitUntil("return [...document.querySelectorAll('#offers-table button.choose')].every((b) => b.disabled);", { what: "Alege disabled" });
  await shot("66-issued-draft");

  await press(app, "#documents summary");
  await app.waitUntil("return document.querySelectorAll('#documents-table tbody tr').length === 3;", { what: "three documents listed" });
  const kinds = await app.exec("return [...document.querySelectorAll('#documents-table tbody tr')].map((r) => r.dataset.kind).sort();");
  assert.deepEqual(kinds, ["offer", "policy", "proposal"]);
  await shot("67-documents");
  const opens = opened().length;
  await press(app, "#documents-table tbody tr[data-kind=proposal] button.open");
  await openedAt(opens + 1);

  await press(app, "#step-policyholder");
  await app.waitFor("#readonly-banner");
  assert.equal(await app.exec("return document.getElementById('f-product-policyholder-lastName').matches(':disabled');"), true, "fields disabled");
  await shot("69-issued-readonly-step1");
});

test("4. killed while /policy hangs: the offer is unconfirmed on restart, and Verifică gives the one policy", async () => {
  // The issued draft is copied to a new one, quoted again, then the app restarts with /policy hanging.
  await press(app, "#readonly-copy");
  await app.waitGone("#readonly-banner");
  await app.waitUntil("return !document.getElementById('f-product-policyholder-lastName').matches(':disabled');", { what: "the copy can be edited" });
  await app.end();

  app = await launch(["--demo-sandbox-config", HANGING]);
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
  await quoteAll();
  const first = (await rows())[0];
  await press(app, `#offers-table tr.offer-row[data-insurer='${first.insurer}'] button.choose`);
  await press(app, "#issue-open:not([disabled])");
  await press(app, "#issue-continue");
  const posts = requests("issue_policy");
  await press(app, "#issue-confirm");
  await app.waitFor("#issue-sending");
  await app.poll(async () => requests("issue_policy") === posts + 1, 20000, () => "POST /policy sent");
  await crash(app);

  app = await launch(["--demo-sandbox-config", NORMAL]);
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
  const banner = `.unconfirmed[data-offer='${first.offerId}']`;
  await app.waitFor(banner, { timeout: 20000, text: "Emitere neconfirmată" });
  await app.waitFor(`#offers-table tr.offer-row[data-insurer='${first.insurer}'] .unconfirmed-chip`);
  await app.waitUntil("return [...document.querySelectorAll('#offers-table button.choose')].every((b) => b.disabled);", { what: "no other offer can be chosen" });
  // Nor quoted again: a new quote would replace the offer whose request is waiting.
  await app.waitFor("#offers-ask[disabled]");
  await app.waitUntil("return document.getElementById('offers-unconfirmed')?.textContent === 'Verificați întâi emiterea neconfirmată.';", { what: "the bar says why" });
  await shot("68-issue-unconfirmed");

  const before = opened().length;
  await press(app, `${banner} button.verify`);
  const number = await (await app.waitFor("#issued-policy-number", { timeout: 30000 })).text();
  assert.match(number, /\S+ \S+/);
  assertPdf(await openedAt(before + 1));
  assert.equal(requests("issue_policy"), posts + 2, "Verifică sent the same request once more");
  // The Demo book is sealed with the database key: its bookings are counted from the log.
  const booked = [...readFileSync(REQUESTS, "utf8").matchAll(/"booked"\s*:\s*"policy"\s*,\s*"offerId"\s*:\s*(\d+)/g)]
    .filter((m) => m[1] === first.offerId);
  assert.equal(booked.length, 1, "the sandbox booked one policy for the offer");
  const book = readFileSync(join(dataDir, "demo-sandbox-book.json"), "utf8");
  assert.ok(!book.includes("Ștefănescu") && !book.includes("2850315125792"), "the Demo book is sealed");
});

// Issue 6 in the real window, against the Demo sandbox's 10 insurers:
// 1. from a saved draft, the vehicle is identified, every insurer is quoted and the offers come
//    back sorted by premium in RON;
// 2. with the floor left empty, Grawe's card shows its VALIDATION_ERROR;
// 3. its link opens the floor field in step 1, where the agent fills it in;
// 4. "Reîncearcă" on Grawe alone brings its offer into the sorted list.
// Then the batch is interrupted: two insurers are made to hang, the app is SIGKILLed while they
// are waited for, and on the next start the draft shows who answered and re-quotes the rest.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { bucharestDay, capture, crash, freshData, launch, reveal } from "./app.mjs";

let app;
before(() => freshData());
after(async () => {
  await app?.end();
});

const FLOOR = "#f-product-policyholder-address-floor";
const HANGING = ["allianz", "uniqa"];

/** Calls a Tauri command the way the UI does, and returns its answer. */
const invoke = (cmd, args = {}) =>
  app.exec("return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]);", cmd, args);

/**
 * A complete draft, as an agent would have typed it, with what every sandbox insurer asks for
 * beyond the spec, except Grawe's floor.
 */
async function seedDraft() {
  const draft = await invoke("new_quote_draft");
  Object.assign(draft.policyholder, {
    kind: "person", taxId: "1800101221144", lastName: "Popescu", firstName: "Ion", gender: "m",
    birthdate: "01.01.1980", email: "ion.popescu@example.ro", mobile: "0722123456", licenceDate: "15.05.2000",
  });
  Object.assign(draft.policyholder.address, {
    country: "RO", countyCode: "CJ", countyName: "CLUJ", localitySiruta: "54984", localityName: "CLUJ-NAPOCA",
    street: "Strada Memorandumului", number: "28", floor: "", postcode: "400114",
  });
  Object.assign(draft.vehicle, {
    vin: "WVWZZZ1JZXW000001", category: "M1", make: "dacia", model: "logan", year: "2019", engineCc: "999",
    powerKw: "67", seats: "5", fuel: "petrol", marketValue: "9500", plate: "CJ 12 ABC", firstRegistration: "15.03.2019",
    civSeries: "J123456", mileage: "85000", ptiExpiry: bucharestDay(180), isLeased: true,
  });
  Object.assign(draft.cover, {
    bonusMalusClass: "B0", leasingContractType: "financial", leasingContractNumber: "RX123456",
    deductiblePartial: "500", deductibleTotalPercent: "10",
  });
  draft.step = "review";
  const check = await invoke("validate_quote_draft", { draft });
  assert.deepEqual(check.fields, {}, "the seeded draft must be complete");
  assert.deepEqual(
    check.insurerGaps.map((g) => `${g.insurer}:${g.path}`),
    ["grawe:product.policyholder.address.floor"],
  );
  return invoke("save_quote_draft", { id: null, draft });
}

/** Premiums in RON of the offer rows, top to bottom. */
const premiums = async () =>
  app.exec("return [...document.querySelectorAll('#offers-table tr.offer-row')].map(r => Number(r.dataset.premiumRon));");
const insurersWithOffers = async () =>
  app.exec("return [...document.querySelectorAll('#offers-table tr.offer-row')].map(r => r.dataset.insurer);");
const stateOf = (insurer) =>
  app.exec("const r = document.querySelector(`#offers-table tr.insurer-row[data-insurer='${arguments[0]}']`); return r ? r.dataset.state : null;", insurer);

function assertSorted(list) {
  assert.ok(list.length > 0, "no offer rows");
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1] <= list[i], `not sorted by premium: ${list.join(", ")}`);
}

/** Waits until no insurer is waiting any more. */
async function settled(timeout = 30000) {
  await app.waitFor("#offers-table");
  await app.waitGone("#offers-table tr.insurer-row[data-state=waiting]", timeout);
}

const shot = (name) => capture(app, name);

/** Clicks a control once it is in the middle of the view (the sticky step buttons must not cover it). */
async function press(sel, timeout = 15000) {
  await (await reveal(app, sel, timeout)).click();
}

/** Continues the draft the app offers on start. */
async function resume() {
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
}

test("quote every insurer, fix Grawe's floor from its error, retry it alone", async () => {
  app = await launch();
  // Demo logs in by itself; the seeded draft is then offered on the next start.
  await app.waitFor("#conn-status.online", { timeout: 20000 });
  await seedDraft();
  await app.end();
  app = await launch();
  await resume();
  await app.waitFor("#review-ok", { timeout: 10000 });
  await press("#quote-ask");

  // Identification first: every insurer gets a variant, the closest preselected.
  await app.waitFor("#variants", { timeout: 20000 });
  const chosen = await app.exec(
    "return [...document.querySelectorAll('#variants select')].map(s => s.value).filter(Boolean).length;",
  );
  assert.equal(chosen, 10, "a variant preselected for each of the 10 insurers");
  await shot("50-offers-identification");

  // 1. Every insurer quoted; the offers sorted by premium in RON.
  await press("#offers-ask:not([disabled])");
  await settled();
  await shot("51-offers-compared");
  assertSorted(await premiums());
  assert.equal((await insurersWithOffers()).length >= 9, true, "nine insurers quote");
  assert.ok(!(await insurersWithOffers()).includes("grawe"));
  await app.waitFor("#offers-table tr.offer-row.cheapest");

  // 2. Grawe refused: its card says why, with a link to the floor field.
  assert.equal(await stateOf("grawe"), "rejected");
  await app.waitFor("tr.insurer-row[data-insurer=grawe] .field-link[data-path='product.policyholder.address.floor']");
  await shot("52-offers-grawe-rejected");

  // The outcome is a code: switched to English, the comparison reads in English; and back.
  const graweText = () => app.exec("return document.querySelector('tr.insurer-row[data-insurer=grawe] .error-text').textContent;");
  assert.match(await graweText(), /Serverul a respins unele date/);
  for (const [lang, expected] of [["en", /The server rejected some data/], ["ro", /Serverul a respins unele date/]]) {
    await (await app.find("#nav-settings")).click();
    await (await app.waitFor(`#language option[value='${lang}']`)).click();
    await (await app.find("#nav-newQuote")).click();
    await app.waitFor("tr.insurer-row[data-insurer=grawe] .error-text", { timeout: 15000 });
    assert.match(await graweText(), expected);
  }

  // 3. The link opens step 1 with the floor focused; the agent types it.
  await press("tr.insurer-row[data-insurer=grawe] .field-link");
  await app.waitFor(FLOOR);
  const focused = await app.exec("return document.activeElement && document.activeElement.id;");
  assert.equal(focused, FLOOR.slice(1));
  await (await app.find(FLOOR)).type("3");
  await shot("53-offers-floor-filled");

  // 4. Back to Oferte (saved comparison, no new batch); retry Grawe alone.
  await press("#step-offers");
  await app.waitFor("tr.insurer-row[data-insurer=grawe] .retry");
  // The comparison knows the data changed since it was asked for.
  await app.waitFor("#offers-stale", { text: "Recotează tot" });
  const before = await premiums();
  await press("tr.insurer-row[data-insurer=grawe] .retry");
  await app.waitFor("#offers-table tr.offer-row[data-insurer=grawe]", { timeout: 30000 });
  const afterRetry = await premiums();
  assertSorted(afterRetry);
  assert.equal(afterRetry.length, before.length + 1, "only Grawe's offer joined");
  assert.equal(await stateOf("grawe"), null, "Grawe has no error row any more");
  await shot("54-offers-grawe-joined");

  // Details of the cheapest offer: the installments schedule and coverages.
  await press("#offers-table tr.offer-row.cheapest .link[aria-expanded]");
  await app.waitFor("#offers-table tr.offer-details", { text: "Vehicul" });
  await shot("55-offers-details");
});

test("a batch cut short by a crash shows who answered and re-quotes the rest", async () => {
  await app.end();
  // The Demo sandbox, this time with two insurers that never answer.
  const config = join(process.env.CASCO_TMP, "sandbox.json");
  const insurers = Object.fromEntries(HANGING.map((k) => [k, { failure: "hang" }]));
  writeFileSync(config, JSON.stringify({ insurers }));
  app = await launch(["--demo-sandbox-config", config]);
  await resume();
  await app.waitFor("#comparison-count", { timeout: 20000 });
  await press("#offers-ask:not([disabled])", 20000);
  for (const key of HANGING) await app.waitFor(`tr.insurer-row[data-insurer=${key}][data-state=waiting]`);
  // Everyone else answers; the two stay waiting with their timers running.
  await app.waitUntil(
    "return new Set([...document.querySelectorAll('#offers-table tr.offer-row')].map(r => r.dataset.insurer)).size >= 8;",
    { timeout: 30000, what: "the eight other insurers have offers" },
  );
  await app.waitFor(`tr.insurer-row[data-insurer=${HANGING[0]}]`, { text: "2 s" });
  await shot("56-offers-waiting");
  await crash(app);

  // The next start (a normal Demo) reopens the draft at Oferte from the store.
  app = await launch();
  await resume();
  const banner = await app.waitFor("#interrupted-banner", { timeout: 20000 });
  const text = await banner.text();
  assert.match(text, /Allianz/);
  assert.match(text, /Uniqa/);
  assert.ok((await insurersWithOffers()).length >= 8, "the answers received before the crash are shown");
  for (const key of HANGING) await app.waitFor(`#insurer-strip li[data-insurer=${key}]`, { text: "Fără răspuns" });
  await shot("57-offers-interrupted");
  await press("#requote-unanswered");
  for (const key of HANGING) await app.waitFor(`#offers-table tr.offer-row[data-insurer=${key}]`, { timeout: 30000 });
  await settled();
  await app.waitGone("#interrupted-banner");
  const withOffers = await insurersWithOffers();
  for (const key of HANGING) assert.ok(withOffers.includes(key), `${key} quoted again`);
  assertSorted(await premiums());
  await shot("58-offers-requoted");
});

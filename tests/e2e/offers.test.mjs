// Issues 6 and 12 in the real window, against the Demo sandbox's 10 insurers:
// 1. from a saved draft, the vehicle is identified (the product each insurer is asked for is
//    said), every insurer is quoted and the offers come back sorted by premium in RON, one line
//    each, with a cover matrix that matches what the offers list;
// 2. with the floor left empty, Grawe's line shows its VALIDATION_ERROR;
// 3. its link opens the floor field in step 1, where the agent fills it in;
// 4. "Reîncearcă" on Grawe alone brings its offer in; after "Recotează tot" all ten offers are
//    current and, at 1100×700, every premium is on screen without scrolling;
// 5. the keyboard: ↑/↓ move through the offers, Enter opens details, Alt+Enter chooses;
// 6. an edit to the vehicle makes every offer out of date: Alege is disabled until "Recotează tot".
// Then the batch is interrupted: two insurers are made to hang, the app is SIGKILLed while they
// are waited for, and on the next start the draft shows who answered and re-quotes the rest.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { capture, crash, launch, press, resize, reveal, scenario } from "./app.mjs";
import { POPESCU, premiumsOffScreen, seedComplete } from "./flows.mjs";
import { Key } from "./webdriver.mjs";
import { invoke } from "./wizard.mjs";

let app;
scenario(() => app);

const FLOOR = "#f-product-policyholder-address-floor";
const MARKET_VALUE = "#f-product-vehicle-marketValue";
const HANGING = ["allianz", "uniqa"];

/**
 * A complete draft, as an agent would have typed it, with what every sandbox insurer asks for
 * beyond the spec, except Grawe's floor.
 */
const seedDraft = () =>
  seedComplete(app, { ...POPESCU, address: { floor: "" } }, { gaps: ["grawe:product.policyholder.address.floor"] });

/** Premiums in RON of the offer rows, top to bottom. */
const premiums = async () =>
  app.exec("return [...document.querySelectorAll('#offers-table tr.offer-row')].map(r => Number(r.dataset.premiumRon));");
const insurersWithOffers = async () =>
  app.exec("return [...document.querySelectorAll('#offers-table tr.offer-row')].map(r => r.dataset.insurer);");
const stateOf = (insurer) =>
  app.exec("const r = document.querySelector(`#offers-table tr.insurer-row[data-insurer='${arguments[0]}']`); return r ? r.dataset.state : null;", insurer);

/** Offers of the draft's saved comparison, as the store has them (not as the screen shows them). */
async function storedOffers(draftId) {
  const saved = await invoke(app, "saved_comparison", { draftId });
  return saved.outcomes.flatMap((o) => (o.state.kind === "offers" ? o.state.offers : []));
}

/** The insurers whose line has ✓ under a cover, or null when the cover has no column. */
const tickedFor = (cover) =>
  app.exec(
    `if (!document.querySelector("#offers-table th[data-cover='" + arguments[0] + "']")) return null;
     return [...document.querySelectorAll("#offers-table tr.offer-row")]
       .filter((r) => r.querySelector("td[data-cover='" + arguments[0] + "']").textContent.trim() === "✓")
       .map((r) => r.dataset.insurer).sort();`,
    cover,
  );

/** The state of every Alege button on the offer lines: true when it can be pressed. */
const chooseEnabled = () =>
  app.exec("return [...document.querySelectorAll('#offers-table tr.offer-row button.choose')].map(b => !b.disabled);");

/** How far the step's body, or the offer grid within it, scrolls sideways. */
const sideways = () =>
  app.exec(`return Math.max(...[document.getElementById("step-body"), document.querySelector("main.content"), document.getElementById("offers-scroll")]
    .filter(Boolean).map((b) => b.scrollWidth - b.clientWidth));`);

/** Asserts nothing in the step needs sideways scrolling at the 1100×700 minimum. */
async function fitsAt1100(what) {
  await resize(app, 1100, 700);
  const over = await sideways();
  await resize(app, 1280, 800);
  assert.ok(over <= 0, `${what}: ${over}px of sideways scrolling at 1100×700`);
}

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

/** Continues the draft the app offers on start. */
async function resume() {
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
}

test("quote every insurer, fix Grawe's floor from its error, retry it alone, then re-quote on changed data", async () => {
  app = await launch();
  // Demo logs in by itself; the seeded draft is then offered on the next start.
  await app.waitFor("#conn-status.online", { timeout: 20000 });
  const draftId = await seedDraft();
  await app.end();
  app = await launch();
  await resume();
  // Straight to Oferte from the stepper: identification first, and no batch until asked.
  await press(app, "#step-offers");

  // Identification: every insurer gets a variant, the closest preselected, and the product it
  // is asked for in words (the seeded car is leased).
  await app.waitFor("#variants", { timeout: 20000 });
  const chosen = await app.exec(
    "return [...document.querySelectorAll('#variants select')].map(s => s.value).filter(Boolean).length;",
  );
  assert.equal(chosen, 10, "a variant preselected for each of the 10 insurers");
  const groupama = await (await app.find("#product-groupama")).text();
  assert.match(groupama, /casco-leasing/);
  assert.match(groupama, /leasing/);
  await shot("50-offers-identification");
  await fitsAt1100("identification");

  // 1. Every insurer quoted; the offers sorted by premium in RON; the identification folds away.
  await press(app, "#offers-ask:not([disabled])");
  await settled();
  assert.equal(await app.exec("return document.getElementById('identification').open;"), false, "identification folded");
  await shot("51-offers-compared");
  assertSorted(await premiums());
  assert.equal((await insurersWithOffers()).length >= 9, true, "nine insurers quote");
  assert.ok(!(await insurersWithOffers()).includes("grawe"));
  // Grawe has not answered with an offer: the batch is finished but not everyone is in. The
  // cheapest is named once every offer is current.
  await app.waitFor("#offers-table tr.offer-row.cheapest");

  // The terms all offers share sit in one line; the insured sum each was asked to price is there.
  await app.waitFor("#shared-terms [data-term=insuredSum]", { text: "9.500,00" });

  // The cover matrix: ✓ glass exactly on the lines of the offers that list it in the store.
  const stored = await storedOffers(draftId);
  const withGlass = [...new Set(stored.filter((o) => o.covers.includes("glass")).map((o) => o.insurer))].sort();
  assert.ok(withGlass.length > 0 && withGlass.length < stored.length, `Demo offers list glass for some insurers only: ${withGlass}`);
  assert.deepEqual(await tickedFor("glass"), withGlass);

  // 2. Grawe refused: its line says why, with a link to the floor field.
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
  await press(app, "tr.insurer-row[data-insurer=grawe] .field-link");
  await app.waitFor(FLOOR);
  const focused = await app.exec("return document.activeElement && document.activeElement.id;");
  assert.equal(focused, FLOOR.slice(1));
  await (await app.find(FLOOR)).type("3");
  await shot("53-offers-floor-filled");

  // 4. Back to Oferte (saved comparison, no new batch); retry Grawe alone.
  await press(app, "#step-offers");
  await app.waitFor("tr.insurer-row[data-insurer=grawe] .retry");
  const before = await premiums();
  await press(app, "tr.insurer-row[data-insurer=grawe] .retry");
  await app.waitFor("#offers-table tr.offer-row[data-insurer=grawe]", { timeout: 30000 });
  await settled();
  const afterRetry = await premiums();
  assert.equal(afterRetry.length, before.length + 1, "only Grawe's offer joined");
  assert.equal(await stateOf("grawe"), null, "Grawe has no error line any more");
  await shot("54-offers-grawe-joined");

  // Recotează tot: ten current offers, the cheapest named.
  await press(app, "#offers-ask:not([disabled])");
  await settled();
  await app.waitGone("#offers-table tr.offer-row[data-stale]");
  await app.waitFor("#offers-table tr.offer-row.cheapest");
  assertSorted(await premiums());
  assert.equal((await premiums()).length, 10, "ten offers");
  // At 1100×700 the premium of every one of the ten offers is on screen, under what is above them.
  await resize(app, 1100, 700);
  assert.deepEqual(await premiumsOffScreen(app, { section: true }), [], "every premium visible at 1100×700");
  assert.equal(await sideways(), 0, "the comparison fits sideways at 1100×700");
  await resize(app, 1280, 800);
  assert.deepEqual(await premiumsOffScreen(app, { section: true }), [], "every premium visible at 1280×800");

  // 6. The vehicle changes after quoting: every offer is out of date and cannot be chosen.
  assert.ok((await chooseEnabled()).every(Boolean), "current offers can be chosen");
  await press(app, "#step-vehicle");
  await (await reveal(app, MARKET_VALUE)).replace("26300");
  await press(app, "#step-offers");
  await app.waitFor("#offers-table tr.offer-row[data-stale]", { timeout: 10000 });
  await app.waitFor("#offers-stale", { text: "Recotează tot" });
  await app.waitUntil(
    "return [...document.querySelectorAll('#offers-table tr.offer-row button.choose')].every(b => b.disabled);",
    { what: "every Alege disabled on stale offers" },
  );
  assert.equal(await (await app.find("#offers-choose")).property("disabled"), true, "the bar's Alege is disabled too");
  assert.equal(await app.exec("return document.querySelectorAll('#offers-table tr.offer-row.cheapest').length;"), 0, "no cheapest among stale offers");
  await shot("59-offers-stale");
  await fitsAt1100("stale offers");
  await press(app, "#offers-ask:not([disabled])");
  await settled();
  await app.waitGone("#offers-table tr.offer-row[data-stale]");
  await app.waitUntil(
    "return [...document.querySelectorAll('#offers-table tr.offer-row button.choose')].every(b => !b.disabled);",
    { what: "Alege available again after Recotează tot" },
  );
  await app.waitGone("#offers-stale");
  // The sum asked for follows the new market value.
  await app.waitFor("#shared-terms [data-term=insuredSum]", { text: "26.300,00" });

  // 5. The keyboard: ↓ from the first line selects the second, Enter opens its details,
  // Alt+Enter chooses it and it is pinned at the top.
  await (await reveal(app, "#offers-table tr.offer-row td.premium")).click();
  await app.keys(Key.Down);
  const second = await app.exec("return document.activeElement.dataset.insurer;");
  assert.equal(second, (await insurersWithOffers())[1], "↓ moved to the second offer");
  await app.keys(Key.Enter);
  await app.waitFor(`#offers-table tr.offer-details[data-insurer=${second}]`, { text: "Avarii și furt" });
  await shot("55-offers-details");
  await fitsAt1100("details");
  await app.chord(Key.Alt, Key.Enter);
  await app.waitFor("#chosen-note");
  assert.equal((await insurersWithOffers())[0], second, "the chosen offer is pinned at the top");
  await app.waitFor(`#offers-table tr.offer-row.chosen[data-insurer=${second}]`);
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
  await press(app, "#offers-ask:not([disabled])", 20000);
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
  for (const key of HANGING) await app.waitFor(`tr.insurer-row[data-insurer=${key}][data-state=unanswered]`, { text: "Fără răspuns" });
  await shot("57-offers-interrupted");
  await press(app, "#requote-unanswered");
  for (const key of HANGING) await app.waitFor(`#offers-table tr.offer-row[data-insurer=${key}]`, { timeout: 30000 });
  await settled();
  await app.waitGone("#interrupted-banner");
  const withOffers = await insurersWithOffers();
  for (const key of HANGING) assert.ok(withOffers.includes(key), `${key} quoted again`);
  assertSorted(await premiums());
  await shot("58-offers-requoted");
});

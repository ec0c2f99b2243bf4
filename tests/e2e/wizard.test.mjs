// Issue 5 in the real window: a full quote typed mostly by keyboard, the app killed halfway
// (SIGKILL, no chance to save on exit), the draft offered again on the next start with every
// field intact, then finished up to Verificare with "Cere oferte" enabled, which opens Oferte.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { bucharestDay, capture, crash, freshData, launch, pick as pickIn, reveal } from "./app.mjs";
import { Key } from "./webdriver.mjs";

let app;
before(() => freshData());
after(async () => {
  await app?.end();
});

const id = (path) => "#f-" + path.replace(/\./g, "-");
const P = "product.policyholder";
const V = "product.vehicle";

/** Alt+→ (next step), as one chord. */
const altRight = () => app.chord(Key.Alt, Key.Right);

const focused = () => app.exec("return document.activeElement && document.activeElement.id;");
const valueOf = async (path) => (await app.find(id(path))).property("value");

async function fill(path, text) {
  const el = await reveal(app, id(path));
  await el.click();
  await el.type(text);
}

/** Both sizes, with the overflow check. */
const shot = (name) => capture(app, name);

/** Types into a picker and takes the first suggestion with Enter. */
const pick = (path, text) => pickIn(app, id(path), text);

/**
 * Chooses a select's option by keyboard: focus it (as Tab would) and type the start of the
 * option's label, which a closed select answers by selecting the first match.
 */
async function choose(path, typed, expected) {
  await reveal(app, id(path));
  await app.exec("document.querySelector(arguments[0]).focus();", id(path));
  await app.keys(...typed.split(""));
  assert.equal(await valueOf(path), expected);
}

/** The policyholder as typed before the kill, checked again after it. */
const HOLDER = {
  [`${P}.taxId`]: "1800101221144",
  [`${P}.lastName`]: "Popescu",
  [`${P}.firstName`]: "Ion",
  [`${P}.address.street`]: "Strada Memorandumului",
  [`${P}.address.houseNumber`]: "28",
  [`${P}.address.floor`]: "2",
  [`${P}.address.postcode`]: "400114",
  [`${P}.email`]: "ion.popescu@example.ro",
  [`${P}.mobileNumber`]: "0722123456",
};

test("a quote survives a crash and reaches Verificare with Cere oferte enabled", async () => {
  app = await launch();
  // Demo logs in by itself and downloads the lists; the pickers need them.
  await (await app.find("#nav-settings")).click();
  await (await app.waitFor("#tab-reference")).click();
  await app.waitFor("#reference-localities", { text: "13.755", timeout: 120000 });

  await (await app.find("#nav-newQuote")).click();
  await app.waitFor(id(`${P}.taxId`));
  // Required fields carry an asterisk (from the Rust checks); optional ones do not.
  await app.waitFor(`label[for=${id(`${P}.taxId`).slice(1)}]`, { text: "*" });
  assert.ok(!(await (await app.find(`label[for=${id(`${P}.address.floor`).slice(1)}]`)).text()).includes("*"));
  await shot("30-wizard-step1-empty");

  // A mistyped CNP gets its message under the field while typing.
  await fill(`${P}.taxId`, "1800101221145");
  await app.waitFor(`${id(`${P}.taxId`)}-error`, { text: "cifra de control" });
  await shot("30-wizard-step1-cnp-error");
  await (await app.find(id(`${P}.taxId`))).clear();

  // Step 1 by keyboard: CNP, then Enter moves on to Nume.
  await fill(`${P}.taxId`, HOLDER[`${P}.taxId`]);
  await app.waitGone(`${id(`${P}.taxId`)}-error`);
  await app.keys(Key.Enter);
  assert.equal(await focused(), id(`${P}.lastName`).slice(1));
  await app.keys(..."Popescu", Key.Enter, ..."Ion");
  // The CNP prefills birth date and sex.
  await app.waitFor(`${id(`${P}.birthdate`)}`);
  await app.poll(async () => (await valueOf(`${P}.birthdate`)) === "01.01.1980", 5000, () => "the birth date prefilled from the CNP");
  assert.equal(await valueOf(`${P}.birthdate`), "01.01.1980");
  assert.equal(await valueOf(`${P}.gender`), "m");

  await pick(`${P}.address.county`, "cluj");
  assert.equal(await valueOf(`${P}.address.county`), "CLUJ");
  await pick(`${P}.address.city`, "cluj nap");
  assert.equal(await valueOf(`${P}.address.city`), "CLUJ-NAPOCA");
  for (const path of ["address.street", "address.houseNumber", "address.floor", "address.postcode", "email", "mobileNumber"]) {
    await fill(`${P}.${path}`, HOLDER[`${P}.${path}`]);
  }
  await shot("31-wizard-step1-filled");

  // Step 2 with Alt+→; its first fields, then the app dies.
  await altRight();
  await app.waitFor(id(`${V}.vin`));
  await fill(`${V}.vin`, "WVWZZZ1JZXW000001");
  await choose(`${V}.vehicleType`, "M1", "M1");
  await pick(`${V}.brand`, "dacia");
  await pick(`${V}.model`, "logan");
  await fill(`${V}.licensePlate`, "CJ 12 ABC");
  const make = await valueOf(`${V}.brand`);
  const model = await valueOf(`${V}.model`);
  // The indicator says "saved" only once the last keystroke's debounced save has landed.
  await app.waitFor("#wizard-save-state", { text: "Ciornă salvată" });
  await shot("32-wizard-step2-before-kill");

  await crash(app);

  // A new start offers the draft; every field typed before the kill is there.
  app = await launch();
  await app.waitFor("#resume-banner", { text: "Popescu Ion" });
  await shot("33-wizard-resume");
  await (await app.find("#resume-continue")).click();
  await app.waitFor(id(`${V}.vin`));
  assert.equal(await valueOf(`${V}.vin`), "WVWZZZ1JZXW000001");
  assert.equal(await valueOf(`${V}.vehicleType`), "M1");
  assert.equal(await valueOf(`${V}.brand`), make);
  assert.equal(await valueOf(`${V}.model`), model);
  assert.equal(await valueOf(`${V}.licensePlate`), "CJ 12 ABC");
  await (await app.find("#step-policyholder")).click();
  await app.waitFor(id(`${P}.taxId`));
  for (const [path, text] of Object.entries(HOLDER)) assert.equal(await valueOf(path), text, path);
  assert.equal(await valueOf(`${P}.address.county`), "CLUJ");
  assert.equal(await valueOf(`${P}.address.city`), "CLUJ-NAPOCA");
  assert.equal(await valueOf(`${P}.birthdate`), "01.01.1980");

  // Finish step 2.
  await (await app.find("#step-vehicle")).click();
  await fill(`${V}.yearOfConstruction`, "2019");
  await fill(`${V}.firstRegistration`, "15.03.2019");
  await fill(`${V}.engineDisplacement`, "999");
  await fill(`${V}.enginePower`, "67");
  await fill(`${V}.seats`, "5");
  await choose(`${V}.fuelType`, "b", "petrol");
  await fill(`${V}.marketValue`, "9500");
  await shot("34-wizard-step2-filled");

  // Step 3: the user is the policyholder (the default).
  await altRight();
  await app.waitFor(id("product.vehicle.user.sameAsPolicyholder"));
  await shot("36-wizard-step3");

  // Step 4: the start date defaults to tomorrow in Europe/Bucharest.
  await altRight();
  assert.equal(await valueOf("product.motor.startDate"), bucharestDay(1));
  // Optional coverages: codes as the insurer gives them; the list is read when the field is left.
  await fill("product.coverages", "glass, assistance");
  await app.keys(Key.Tab);
  await shot("37-wizard-step4");

  // Step 5: nothing missing, Cere oferte enabled, and it says plainly what comes next.
  await altRight();
  await app.waitFor("#review-ok", { timeout: 5000 });
  const ask = await app.find("#quote-ask");
  assert.equal(await ask.property("disabled"), false);
  await app.waitFor("#review-policyholder", { text: "Popescu" });
  await app.waitFor("#review-vehicle", { text: "9.500,00" });
  await shot("38-wizard-review");
  await reveal(app, "#quote-ask");
  await shot("39-wizard-review-bottom");
  // Cere oferte opens step 6, which starts with the vehicle's identification.
  await ask.click();
  await app.waitFor("#identification");
  await app.waitFor("#variants", { timeout: 20000 });

  // Ciorne lists the draft.
  await (await app.find("#nav-drafts")).click();
  await app.waitFor("#drafts-table", { text: "Popescu Ion" });
  await shot("40-drafts");

  // Renunță asks first; confirmed, the draft leaves the list and Ofertă nouă starts afresh.
  await (await app.find("[id$='-discard']")).click();
  await app.waitFor("#drafts-table", { text: "Renunțați la ciorna pentru Popescu Ion?" });
  await shot("41-drafts-confirm");
  await (await app.find("[id$='-confirm']")).click();
  await app.waitFor("#drafts-empty");
  await (await app.find("#nav-newQuote")).click();
  await app.waitFor(id(`${P}.taxId`));
  assert.equal(await valueOf(`${P}.taxId`), "");
});

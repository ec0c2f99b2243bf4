// The fewest fields an agent types for a new person with a CNP and a VIN, from an empty app to
// the comparison: only what the checks require, every default kept. The test prints the count
// and the fields; README.md ("Câte câmpuri tastează agentul") quotes them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freshData, launch } from "./app.mjs";
import { Key } from "./webdriver.mjs";
import { Agent, id, invoke, shot } from "./wizard.mjs";

let app;
before(() => freshData());
after(() => app?.end());

const P = "product.policyholder";
const V = "product.vehicle";

test("a new person with a CNP and a VIN reaches the comparison in a handful of fields", async (t) => {
  app = await launch();
  // An empty app downloads the reference lists by itself (Demo); the pickers need them.
  await app.poll(
    async () => (await invoke(app, "search_localities", { county: "CJ", query: "cluj" }).catch(() => [])).length > 0 &&
      (await invoke(app, "search_makes", { query: "dacia" }).catch(() => [])).length > 0,
    120000,
    () => "the reference lists downloaded",
  );
  await (await app.find("#nav-newQuote")).click();
  await app.waitFor(id(`${P}.taxId`));

  const agent = new Agent(app);
  // Asigurat: CNP (birth date and sex follow from it), name, county and locality.
  await agent.fill(`${P}.taxId`, "1800101221144");
  await agent.fill(`${P}.lastName`, "Popescu");
  await agent.fill(`${P}.firstName`, "Ion");
  await agent.pick(`${P}.address.county`, "cluj");
  await agent.pick(`${P}.address.city`, "cluj nap");
  await app.chord(Key.Alt, Key.Right);

  // Vehicul: what identifies the car and what it is worth.
  await agent.fill(`${V}.vin`, "WVWZZZ1JZXW000001");
  await agent.choose(`${V}.vehicleType`, "M1", "M1");
  await agent.pick(`${V}.brand`, "dacia");
  await agent.pick(`${V}.model`, "logan");
  await agent.fill(`${V}.yearOfConstruction`, "2019");
  await agent.fill(`${V}.licensePlate`, "CJ 12 ABC");
  await agent.fill(`${V}.firstRegistration`, "15.03.2019");
  await agent.fill(`${V}.marketValue`, "26000");
  await app.chord(Key.Alt, Key.Right);

  // Acoperiri: every default kept (start tomorrow, the settings' period, rates and currency).
  await app.waitFor(id("product.motor.startDate"));
  await app.chord(Key.Alt, Key.Right);

  // Verificare: nothing missing; what insurers ask for besides is grouped, not blocking.
  await app.waitFor("#review-ok", { timeout: 10000 });
  assert.equal(await (await app.find("#quote-ask")).property("disabled"), false);
  await shot(app, "43-wizard-minimal-review");

  await app.exec("document.activeElement && document.activeElement.blur();");
  await app.chord(Key.Control, Key.Enter);
  await app.poll(
    async () => (await app.exec("const e = document.getElementById('wizard-offers-state'); return e && e.dataset.state;")) === "current",
    90000,
    () => "offers in the comparison",
  );

  const count = agent.filled.length;
  const report = `fields typed by the agent: ${count} (${agent.filled.join(", ")})`;
  t.diagnostic(report);
  console.log(report);
  assert.equal(count, 13, report);

  // The vehicle is identified now (at 26.000 lei). Typing 9.500 lei afterwards must warn as
  // well: the identification is cached per model, not per typed sum.
  await t.test("a market value typed after identification is checked too", async () => {
    await (await app.find("#step-vehicle")).click();
    await agent.replace(`${V}.marketValue`, "9500");
    await app.waitFor(`${id(`${V}.marketValue`)}-warning`, { timeout: 10000 });
  });
});

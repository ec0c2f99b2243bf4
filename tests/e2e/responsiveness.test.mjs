// Issue 15: how quickly the real window answers the agent. The UI records User Timing measures
// (ui/src/lib/responsiveness.ts): "casco:typeahead" from a keystroke in a picker until that
// query's list is rendered, "casco:typeahead-answer" until the search command's answer is back
// in the page, and "casco:step" from a step change until the new step is rendered. This scenario
// types localities of a county and models of a make, changes steps back and forth, reads the
// measures back and prints one line, `responsiveness: typeahead_p95_ms=… step_p95_ms=…`, for
// README. No time is asserted (a shared build machine's timings are no verdict); only that the
// measures are made. WebKit gives performance.now() in whole milliseconds, so the figures are.
import assert from "node:assert/strict";
import { test } from "node:test";
import { launch, press, reveal, scenario } from "./app.mjs";
import { Key } from "./webdriver.mjs";
import { Agent, id, invoke, shot } from "./wizard.mjs";

let app;
scenario(() => app);

const P = "product.policyholder";
const V = "product.vehicle";

/** Backspace, as a W3C code point (webdriver.mjs's Key has no need of it elsewhere). */
const BACKSPACE = "\uE003";

/** Places in Cluj, typed one after another into Localitate (about 115 keystrokes with the erasing). */
const LOCALITIES = [
  "cluj-napoca", "turda", "dej", "campia turzii", "gherla", "huedin", "floresti", "apahida",
  "baciu", "gilau", "feleacu", "mociu", "aghiresu", "jucu", "sanpaul",
];
/** Dacia's models, typed into Model (about 70 keystrokes with the erasing). */
const MODELS = ["logan", "sandero stepway", "duster", "spring", "jogger", "lodgy", "dokker", "bigster", "solenza"];

/** The durations (ms) of the measures named `name` so far, and the measures forgotten. */
async function take(name) {
  return app.exec(
    "const n = arguments[0]; const d = performance.getEntriesByName(n, 'measure').map((e) => e.duration); performance.clearMeasures(n); return d;",
    name,
  );
}

/** Forgets the typeahead measures made so far (picking the county or the make makes some too). */
const forgetTypeahead = () => Promise.all(["casco:typeahead", "casco:typeahead-answer"].map(take));

/**
 * Types each of `words` into the picker `sel`, one keystroke per WebDriver call, then erases it
 * (Ctrl+A, Backspace) as an agent does; the query after each keystroke (input event), in order.
 *
 * As fast as WebDriver sends, not at a typist's pace: each keystroke goes as soon as the last
 * one was delivered, so searches may still be in flight when the next key arrives (the harsher
 * case; a run overtaken by a later keystroke is not measured, its list is never shown).
 */
async function typeWords(sel, words) {
  const input = await reveal(app, sel);
  await input.click();
  const queries = [];
  for (const word of words) {
    for (let i = 0; i < word.length; i++) {
      await input.type(word[i]);
      queries.push(word.slice(0, i + 1));
    }
    await app.chord(Key.Control, "a");
    await app.keys(BACKSPACE);
    queries.push("");
  }
  return queries;
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v) => (v === undefined ? "NaN" : v.toFixed(1));

test("typeahead keystrokes and step changes are measured in the real window", async (t) => {
  app = await launch();
  // An empty app downloads the reference lists by itself (Demo); the pickers need them.
  await app.poll(
    async () => (await invoke(app, "search_localities", { county: "CJ", query: "cluj" }).catch(() => [])).length > 0 &&
      (await invoke(app, "search_models", { make: "dacia", query: "logan" }).catch(() => [])).length > 0,
    120000,
    () => "the reference lists downloaded",
  );
  await (await app.find("#nav-newQuote")).click();
  await app.waitFor(id(`${P}.taxId`));
  const agent = new Agent(app);

  // Asigurat: Cluj, then localities of Cluj typed character by character.
  await agent.pick(`${P}.address.county`, "cluj");
  await forgetTypeahead();
  const queries = await typeWords(id(`${P}.address.city`), LOCALITIES);
  const typeahead = await take("casco:typeahead");
  const answer = await take("casco:typeahead-answer");
  // The list of a county's localities, open under what was typed.
  await (await app.find(id(`${P}.address.city`))).type("flor");
  await app.waitFor(`${id(`${P}.address.city`)}-list`);
  await shot(app, "46-wizard-locality-typeahead");
  await app.keys(Key.Escape);

  // A keystroke's input event carries its time on performance.now()'s clock (the measures start
  // there, responsiveness.ts falls back to the handler's time otherwise): how long before its
  // handler ran, for the record. Negative or huge would mean another clock.
  await app.exec(
    "document.getElementById(arguments[0]).addEventListener('input', (e) => { window.__cascoLag = performance.now() - e.timeStamp; }, { once: true });",
    id(`${P}.address.city`).slice(1),
  );
  await (await app.find(id(`${P}.address.city`))).type("a");
  const lag = await app.exec("return window.__cascoLag;");
  await app.keys(Key.Escape);

  // Vehicul: Dacia, then its models.
  await app.chord(Key.Alt, Key.Right);
  await app.waitFor("#step-vehicle[aria-current=step]");
  await agent.pick(`${V}.brand`, "dacia");
  await forgetTypeahead();
  queries.push(...(await typeWords(id(`${V}.model`), MODELS)));
  typeahead.push(...(await take("casco:typeahead")));
  answer.push(...(await take("casco:typeahead-answer")));

  // Steps back and forth, Asigurat to Verificare and back, 7 rounds of 6 changes (42): the
  // shortcuts (Alt+←/→, from the field the caret is in) on even rounds, the bottom bar's
  // Înapoi and Continuă on odd ones. Each change waits for the new step to be current, as an
  // agent looks at it before moving on.
  await take("casco:step");
  const round = [["back", "policyholder"], ["next", "vehicle"], ["next", "cover"], ["next", "review"], ["back", "cover"], ["back", "vehicle"]];
  const targets = [];
  for (let i = 0; i < 7; i++) {
    for (const [move, to] of round) {
      targets.push(to);
      if (i % 2 === 0) await app.chord(Key.Alt, move === "next" ? Key.Right : Key.Left);
      else await press(app, move === "next" ? "#wizard-next" : "#wizard-back");
      await app.waitFor(`#step-${to}[aria-current=step]`);
    }
  }
  // The last change's measure is already in: it is taken in the same task as the new step's
  // DOM update (microtasks after it), before any script of the driver's can run.
  const step = await take("casco:step");

  // The search command alone, called from the page 100 times in a row with no keystroke and
  // nothing rendered: its IPC round trip, to set against a keystroke's wait for its answer.
  const calls = await app.cmd("POST", "/execute/async", {
    script: `const done = arguments[arguments.length - 1];
      (async () => {
        const d = [];
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await window.__TAURI_INTERNALS__.invoke("search_localities", { county: "CJ", query: "flor" });
          d.push(performance.now() - t0);
        }
        return d;
      })().then(done);`,
    args: [],
  });

  const line =
    `responsiveness: typeahead_p95_ms=${ms(percentile(typeahead, 95))} step_p95_ms=${ms(percentile(step, 95))}` +
    ` typeahead_p50_ms=${ms(percentile(typeahead, 50))} step_p50_ms=${ms(percentile(step, 50))}` +
    ` typeahead_n=${typeahead.length} step_n=${step.length}`;
  // Where a keystroke's time goes: until the search command's answer is back in the page, and
  // from there until the list is rendered. The two measures of a keystroke are made together,
  // in the same order, so they pair up by index.
  const rendering = typeahead.map((d, i) => d - answer[i]);
  t.diagnostic(
    `typeahead split: answer_p50_ms=${ms(percentile(answer, 50))} answer_p95_ms=${ms(percentile(answer, 95))}` +
      ` render_p50_ms=${ms(percentile(rendering, 50))} render_p95_ms=${ms(percentile(rendering, 95))}` +
      ` max_ms=${ms(Math.max(...typeahead))} keystrokes=${queries.length} event_lag_ms=${ms(lag)}` +
      ` search_call_p50_ms=${ms(percentile(calls, 50))} search_call_p95_ms=${ms(percentile(calls, 95))}`,
  );
  // By what was typed and where the step went, when every keystroke and change was measured
  // (then they pair up by index): an empty or one-letter query lists the most (up to 50 rows).
  if (typeahead.length === queries.length) {
    const broad = typeahead.filter((_, i) => queries[i].length <= 1);
    const narrow = typeahead.filter((_, i) => queries[i].length > 1);
    t.diagnostic(
      `typeahead by query: broad_p50_ms=${ms(percentile(broad, 50))} broad_p95_ms=${ms(percentile(broad, 95))} broad_n=${broad.length}` +
        ` narrow_p50_ms=${ms(percentile(narrow, 50))} narrow_p95_ms=${ms(percentile(narrow, 95))} narrow_n=${narrow.length}`,
    );
  }
  if (step.length === targets.length) {
    const by = [...new Set(targets)].map((to) => `${to}_p50_ms=${ms(percentile(step.filter((_, i) => targets[i] === to), 50))}`);
    t.diagnostic(`step by target: ${by.join(" ")}`);
  }
  console.log(line);

  // Functional only: the measures must keep being made (most keystrokes show their list).
  assert.ok(typeahead.length >= 80, `typeahead measures: ${typeahead.length} of ${queries.length} keystrokes`);
  assert.ok(step.length >= 30, `step measures: ${step.length} of 42 changes`);
  assert.equal(answer.length, typeahead.length, "every measured keystroke has its answer measured too");
});

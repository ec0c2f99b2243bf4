// The wizard's helpers for the real-window scenarios: its fields by request path, the fixed
// bottom bar that must stay on screen at the sizes agents have, and a count of what is typed.
import assert from "node:assert/strict";
import { capture, pick, resize, reveal, SHOTS } from "./app.mjs";

/** The CSS id of a wizard field's control, from its request path. */
export const id = (path) => "#f-" + path.replace(/\./g, "-");

/** Calls a Tauri command the way the UI does, and returns its answer. */
export const invoke = (app, cmd, args = {}) =>
  app.exec("return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]);", cmd, args);

/** What a wizard field's control holds now, by its request path. */
export const valueOf = async (app, path) => (await app.find(id(path))).property("value");

/** An amount as the app writes it in Romanian: "26300.5" → "26.300,50". */
export function amountRo(text) {
  const [whole, frac = ""] = String(text).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${frac.padEnd(2, "0").slice(0, 2)}`;
}

/** Every button of the bottom bar is inside the window at its current size, and nothing overflows sideways. */
export async function barInView(app, where) {
  const problem = await app.exec(`
    const bar = document.getElementById("wizard-bar");
    if (!bar) return "no bottom bar";
    const buttons = [...bar.querySelectorAll("button")];
    if (!buttons.some((b) => b.classList.contains("primary") || b.id === "wizard-back")) return "no main button";
    const out = buttons.filter((b) => {
      const r = b.getBoundingClientRect();
      return r.height === 0 || r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth;
    });
    if (out.length) return "outside the window: " + out.map((b) => b.id || b.textContent.trim()).join(", ");
    const body = document.getElementById("step-body");
    if (body && body.scrollWidth > body.clientWidth) return "the step body overflows sideways by " + (body.scrollWidth - body.clientWidth) + "px";
    return "";`);
  assert.equal(problem, "", `${where}: the bottom bar must stay on screen`);
}

/** Screenshots at 1280×800 and 1100×700 (capture), with the bottom bar checked at both. */
export async function shot(app, name) {
  await barInView(app, `${name} at 1280×800`);
  await capture(app, name);
  await resize(app, 1100, 700);
  await barInView(app, `${name} at 1100×700`);
  await resize(app, 1280, 800);
}

/** One more screenshot at 1100×600 (a 1366×768 laptop's work area), the bar checked there too. */
export async function shotSmall(app, name) {
  await resize(app, 1100, 600);
  await app.screenshot(`${SHOTS}/${name}-1100x600.png`);
  await barInView(app, `${name} at 1100×600`);
  await resize(app, 1280, 800);
}

/**
 * Types into the wizard like an agent, and counts the fields typed or picked (not the ones
 * only looked at), for the README's "Câte câmpuri tastează agentul".
 */
export class Agent {
  constructor(app) {
    this.app = app;
    /** Request paths of the fields the agent filled, in order. */
    this.filled = [];
  }

  note(path) {
    if (!this.filled.includes(path)) this.filled.push(path);
  }

  /** Types `text` into a text field. */
  async fill(path, text) {
    const el = await reveal(this.app, id(path));
    await el.click();
    await el.type(text);
    this.note(path);
    return el;
  }

  /** Clears a text field and types `text`. */
  async replace(path, text) {
    const el = await reveal(this.app, id(path));
    await el.click();
    await el.replace(text);
    this.note(path);
  }

  /** Types into a picker and takes the first suggestion with Enter. */
  async pick(path, text) {
    this.note(path);
    return pick(this.app, id(path), text);
  }

  /**
   * Chooses a select's option by keyboard: focus it (as Tab would) and type the start of the
   * option's label, which a closed select answers by selecting the first match.
   */
  async choose(path, typed, expected) {
    await reveal(this.app, id(path));
    await this.app.exec("document.querySelector(arguments[0]).focus();", id(path));
    await this.app.keys(...typed.split(""));
    assert.equal(await (await this.app.find(id(path))).property("value"), expected);
    this.note(path);
  }

  /** Ticks a checkbox (`sel` is its CSS selector; `path` the field it belongs to). */
  async tick(path, sel) {
    await (await reveal(this.app, sel)).click();
    this.note(path);
  }
}

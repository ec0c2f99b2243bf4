// Launches the real app for a scenario and knows where it keeps its files.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { Key, Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
/** The app binary under test (scripts/test builds it and sets this). */
export const APP = process.env.CASCO_APP_BINARY;
/** Where screenshots go; not committed. */
export const SHOTS = process.env.CASCO_SCREENSHOTS ?? new URL("./screenshots", import.meta.url).pathname;
/** The app identifier, read from tauri.conf.json so the folder the tests look in is the app's. */
const IDENTIFIER = JSON.parse(readFileSync(new URL("../../tauri.conf.json", import.meta.url), "utf8")).identifier;

if (!APP || !existsSync(APP)) throw new Error(`CASCO_APP_BINARY is not a built app: ${APP}`);
if (!process.env.XDG_DATA_HOME) throw new Error("XDG_DATA_HOME must point at a fresh directory per run");

/** The app's data dir, as Tauri resolves it on Linux. */
export const dataDir = join(process.env.XDG_DATA_HOME, IDENTIFIER);

/**
 * Waits until no instance of the app is left running. A new launch while the previous one is
 * still winding down would meet its single-instance lock on D-Bus and exit at once.
 */
async function previousInstanceGone(timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (spawnSync("pgrep", ["-f", APP]).status === 0) {
    if (Date.now() > deadline) throw new Error(`an earlier ${APP} is still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the app (with extra command-line `args`) and waits for its frame to render. */
export async function launch(args = []) {
  await previousInstanceGone();
  const s = await Session.start(DRIVER, APP, args);
  await s.waitFor("nav[aria-label] #nav-settings");
  return s;
}

/** Ends the app (tauri-driver kills it) and starts it again on the same data. */
export async function restart(session) {
  await session.end();
  return launch();
}

/** The settings object as written by tauri-plugin-store, or null when no file exists yet. */
export function settingsFile() {
  const file = join(dataDir, "settings.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).settings ?? null : null;
}

/** Forgets the app's files (settings, store) so a scenario starts like a first run. */
export function freshData() {
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.XDG_CONFIG_HOME) rmSync(join(process.env.XDG_CONFIG_HOME, IDENTIFIER), { recursive: true, force: true });
}

/**
 * A scenario file's frame: its tests start on fresh data (a first run), and the app they leave
 * running is ended after them. `current` returns the file's session (`() => app`).
 */
export function scenario(current) {
  before(() => freshData());
  after(async () => {
    await current()?.end();
  });
}

/** Sets the window's size and lets the layout settle. */
export async function resize(session, width, height) {
  await session.cmd("POST", "/window/rect", { width, height });
  await new Promise((r) => setTimeout(r, 500));
}

/**
 * A screenshot once the frame has painted, at 1280×800 and again at the 1100×700 minimum, where
 * nothing may overflow sideways.
 */
export async function capture(session, name) {
  await new Promise((r) => setTimeout(r, 400));
  await session.screenshot(`${SHOTS}/${name}.png`);
  await resize(session, 1100, 700);
  await session.screenshot(`${SHOTS}/${name}-1100x700.png`);
  const overflow = await session.exec(
    "const c = document.querySelector('main.content'); return c.scrollWidth - c.clientWidth;",
  );
  assert.ok(overflow <= 0, `${name}: horizontal overflow of ${overflow}px at 1100×700`);
  await resize(session, 1280, 800);
}

/** Setări: points the app at the API at `url` (a custom environment) and saves. */
export async function useCustomEnvironment(session, url) {
  await (await session.find("#nav-settings")).click();
  await (await session.waitFor("#env-custom")).click();
  await (await session.waitFor("#env-custom-url")).replace(url);
  await (await session.find("#settings-save")).click();
}

/** Waits for `sel` and brings it to the middle of the view: the sticky step buttons must not cover it. */
export async function reveal(session, sel, timeout = 15000) {
  const el = await session.waitFor(sel, { timeout });
  // The element found, not a second query: the page may re-render between the two calls.
  await session.exec("arguments[0].scrollIntoView({ block: 'center' });", el.reference());
  return el;
}

/** Clicks `sel` once it is in the middle of the view (the sticky step buttons must not cover it). */
export async function press(session, sel, timeout = 15000) {
  await (await reveal(session, sel, timeout)).click();
}

/** Types into a picker (`sel` is its input) and takes the first suggestion with Enter. */
export async function pick(session, sel, text) {
  const input = await reveal(session, sel);
  await input.click();
  await input.type(text);
  await session.waitFor(`${sel}-list`);
  await session.keys(Key.Enter);
  await session.waitGone(`${sel}-list`);
  return input;
}

/** Kills the app as a crash would (SIGKILL), then closes the WebDriver session. */
export async function crash(session) {
  spawnSync("pkill", ["-KILL", "-f", APP]);
  await session.end();
}

/** The Bucharest calendar day `days` from now, as the app shows dates (dd.mm.yyyy). */
export function bucharestDay(days) {
  const d = new Date(Date.now() + days * 86400000);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Bucharest" }).format(d).replace(/\//g, ".");
}

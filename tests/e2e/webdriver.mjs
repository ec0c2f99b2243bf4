// A small W3C WebDriver client (fetch + JSON), enough to drive the real Casco Desk window
// through tauri-driver → WebKitWebDriver. Kept dependency-free so CI needs no extra npm tree.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** Raised when the driver answers with a WebDriver error. */
export class WebDriverError extends Error {
  constructor(status, value) {
    super(`${value?.error ?? status}: ${value?.message ?? ""}`.trim());
    this.code = value?.error;
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    // An app that dies while starting leaves the new-session call unanswered; fail in two
    // minutes with the driver's log instead of undici's five.
    signal: AbortSignal.timeout(120000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new WebDriverError(res.status, json.value);
  return json.value;
}

/** One WebDriver session: one launch of the app. */
export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args = []) {
    const caps = { "tauri:options": { application, args } };
    const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: caps } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  /** Runs `fn`'s source in the page and returns its value. */
  exec(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, v[ELEMENT]);
  }

  async findAll(css) {
    const vs = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return vs.map((v) => new Element(this, v[ELEMENT]));
  }

  /**
   * Runs `check` every 100 ms until it returns something truthy, and returns that. A WebDriver
   * error (an element re-rendered under the query: "stale element") counts as "not yet".
   */
  async poll(check, timeout, failure) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await check().catch((e) => {
        if (e instanceof WebDriverError) return null;
        throw e;
      });
      if (value) return value;
      if (Date.now() > deadline) throw new Error(failure());
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Polls until `css` matches a displayed element, or fails with what it waited for. */
  async waitFor(css, { timeout = 15000, text } = {}) {
    let last = "";
    return this.poll(
      async () => {
        const el = await this.find(css);
        if (!(await el.displayed())) return null;
        last = await el.text();
        return text === undefined || last.includes(text) ? el : null;
      },
      timeout,
      () => `timed out waiting for ${css}${text ? ` containing "${text}" (last: "${last}")` : ""}`,
    );
  }

  /** Polls until `css` matches nothing displayed. */
  async waitGone(css, timeout = 15000) {
    await this.poll(
      async () => {
        for (const el of await this.findAll(css)) if (await el.displayed().catch(() => false)) return false;
        return true;
      },
      timeout,
      () => `timed out waiting for ${css} to go away`,
    );
  }

  /** Polls until `script` (run in the page) returns something truthy, and returns it. */
  async waitUntil(script, { timeout = 15000, what = script } = {}) {
    return this.poll(() => this.exec(script), timeout, () => `timed out waiting until ${what}`);
  }

  /** Sends keys to whatever has focus (W3C actions), e.g. Tab or Enter. */
  async keys(...keys) {
    const actions = keys.flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kbd", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Presses `keys` together (e.g. Alt+→): all down in order, then up in reverse. */
  async chord(...keys) {
    const actions = [
      ...keys.map((k) => ({ type: "keyDown", value: k })),
      ...[...keys].reverse().map((k) => ({ type: "keyUp", value: k })),
    ];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kbd", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Resolves once the page has rendered two more frames. */
  async painted() {
    const script = "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
    await this.cmd("POST", "/execute/async", { script, args: [] });
  }

  async screenshot(file) {
    // WebKitGTK hands back the last frame it composited, which after quick scripted input can
    // be seconds behind the DOM (issue 12: 11-login-refused showed the dialog before the
    // password was even typed). Two animation frames first make the capture show the DOM.
    await this.painted();
    const b64 = await this.cmd("GET", "/screenshot");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(b64, "base64"));
  }
}

/** Special keys, as W3C code points. */
export const Key = { Tab: "\uE004", Enter: "\uE007", Escape: "\uE00C", Down: "\uE015", Up: "\uE013", Alt: "\uE00A", Right: "\uE014", Left: "\uE012", Control: "\uE009", Delete: "\uE017" };

/** A found element. */
export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  /** The element as a script argument. */
  reference() {
    return { [ELEMENT]: this.id };
  }
  click() {
    return this.s.cmd("POST", `/element/${this.id}/click`, {});
  }
  clear() {
    return this.s.cmd("POST", `/element/${this.id}/clear`, {});
  }
  type(text) {
    return this.s.cmd("POST", `/element/${this.id}/value`, { text });
  }
  text() {
    return this.s.cmd("GET", `/element/${this.id}/text`);
  }
  displayed() {
    return this.s.cmd("GET", `/element/${this.id}/displayed`);
  }
  property(name) {
    return this.s.cmd("GET", `/element/${this.id}/property/${name}`);
  }
  async replace(text) {
    await this.clear();
    await this.type(text);
  }
}

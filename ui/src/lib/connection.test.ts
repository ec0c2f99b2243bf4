import { beforeEach, describe, expect, it } from "vitest";
import { FakeBackend } from "./backend/fake";
import { ConnectionState, loginCause, loginFix } from "./connection.svelte";

describe("ConnectionState", () => {
  let fake: FakeBackend;
  let conn: ConnectionState;

  beforeEach(() => {
    fake = new FakeBackend();
    conn = new ConnectionState(fake);
  });

  async function customEnvironment() {
    fake.stored.environment = { kind: "custom", customUrl: "http://127.0.0.1:9" };
    await conn.connect();
  }

  it("logs in by itself in Demo and asks for nothing", async () => {
    await conn.connect();
    expect(conn.status?.loggedIn).toBe(true);
    expect(conn.status?.account).toBe("demo");
    expect(conn.loginOpen).toBe(false);
  });

  it("opens the login dialog for a custom environment", async () => {
    await customEnvironment();
    expect(conn.status?.loggedIn).toBe(false);
    expect(conn.loginOpen).toBe(true);
  });

  it("shows the refusal under the password and keeps the dialog open", async () => {
    await customEnvironment();
    conn.account = "demo";
    expect(await conn.login("greșit", false)).toBe(false);
    expect(conn.errors["password"]).toEqual([{ code: "wrongCredentials" }]);
    expect(conn.notice).toEqual({ code: "wrongCredentials" });
    expect(conn.cause).toBe("wrongCredentials");
    expect(conn.loginOpen).toBe(true);
    expect(await conn.login("demo", true)).toBe(true);
    expect(conn.loginOpen).toBe(false);
    expect(conn.status?.remembered).toBe(true);
    expect(conn.errors).toEqual({});
    expect(conn.notice).toBeNull();
  });

  it("keeps the typed account and the refusal through a reconnect to the same place", async () => {
    await customEnvironment();
    conn.account = "agent7";
    await conn.login("greșit", false);
    // Setări saved again while the dialog is open: the frame reconnects.
    await conn.connect();
    expect(conn.account).toBe("agent7");
    expect(conn.errors["password"]).toEqual([{ code: "wrongCredentials" }]);
    expect(conn.cause).toBe("wrongCredentials");
    expect(conn.loginOpen).toBe(true);
  });

  it("drops an old refusal when the address changes", async () => {
    await customEnvironment();
    conn.account = "agent7";
    await conn.login("greșit", false);
    fake.stored.environment = { kind: "custom", customUrl: "http://127.0.0.1:10" };
    await conn.connect();
    expect(conn.errors).toEqual({});
    expect(conn.notice).toBeNull();
    expect(conn.account).toBe("agent7");
  });

  it("names a locked account under the account field", async () => {
    fake.locked.add("blocat");
    fake.accounts.set("blocat", "parola");
    await customEnvironment();
    conn.account = "blocat";
    expect(await conn.login("parola", false)).toBe(false);
    expect(conn.errors["account"]).toEqual([{ code: "accountLocked" }]);
    expect(conn.cause).toBe("accountLocked");
    expect(conn.account).toBe("blocat");
  });

  it("names an unreachable host without blaming a field", async () => {
    await customEnvironment();
    fake.online = false;
    conn.account = "demo";
    expect(await conn.login("demo", false)).toBe(false);
    expect(conn.errors).toEqual({});
    expect(conn.cause).toBe("unreachable");
    expect(conn.loginOpen).toBe(true);
  });

  it("reopening from the top bar starts a fresh try with the same account", async () => {
    await customEnvironment();
    conn.account = "demo";
    await conn.login("greșit", false);
    conn.closeLogin();
    conn.openLogin();
    expect(conn.account).toBe("demo");
    expect(conn.errors).toEqual({});
    expect(conn.cause).toBeNull();
  });

  it("logs out", async () => {
    await conn.connect();
    await conn.logout();
    expect(conn.status?.loggedIn).toBe(false);
  });
});

describe("loginCause and loginFix", () => {
  it("give each refusal its cause and its fix", () => {
    expect(loginCause(null)).toBeNull();
    expect(loginCause({ code: "wrongCredentials" })).toBe("wrongCredentials");
    expect(loginCause({ code: "accountLocked" })).toBe("accountLocked");
    expect(loginCause({ code: "cannotConnect" })).toBe("unreachable");
    expect(loginCause({ code: "timedOut" })).toBe("unreachable");
    expect(loginCause({ code: "redirected", host: "evil.example" })).toBe("unreachable");
    expect(loginCause({ code: "keychainUnavailable" })).toBe("other");
    expect(loginCause({ key: "error.unexpected", params: { message: "x" } })).toBe("other");
    expect(loginFix("wrongCredentials")).toBe("login.fix.wrongCredentials");
    expect(loginFix("accountLocked")).toBe("login.fix.accountLocked");
    expect(loginFix("unreachable")).toBe("login.fix.unreachable");
    expect(loginFix("other")).toBeNull();
    expect(loginFix(null)).toBeNull();
  });
});

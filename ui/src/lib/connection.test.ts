import { beforeEach, describe, expect, it } from "vitest";
import { FakeBackend } from "./backend/fake";
import { ConnectionState } from "./connection.svelte";

describe("ConnectionState", () => {
  let fake: FakeBackend;
  let conn: ConnectionState;

  beforeEach(() => {
    fake = new FakeBackend();
    conn = new ConnectionState(fake);
  });

  it("logs in by itself in Demo and asks for nothing", async () => {
    await conn.connect();
    expect(conn.status?.loggedIn).toBe(true);
    expect(conn.status?.account).toBe("demo");
    expect(conn.loginOpen).toBe(false);
  });

  it("opens the login dialog for a custom environment", async () => {
    fake.stored.environment = { kind: "custom", customUrl: "http://127.0.0.1:9" };
    await conn.connect();
    expect(conn.status?.loggedIn).toBe(false);
    expect(conn.loginOpen).toBe(true);
  });

  it("shows the refusal under the password and keeps the dialog open", async () => {
    fake.stored.environment = { kind: "custom", customUrl: "http://127.0.0.1:9" };
    await conn.connect();
    expect(await conn.login("demo", "greșit", false)).toBe(false);
    expect(conn.errors["password"]).toEqual([{ code: "wrongCredentials" }]);
    expect(conn.notice).toEqual({ code: "wrongCredentials" });
    expect(conn.loginOpen).toBe(true);
    expect(await conn.login("demo", "demo", true)).toBe(true);
    expect(conn.loginOpen).toBe(false);
    expect(conn.status?.remembered).toBe(true);
    expect(conn.errors).toEqual({});
    expect(conn.notice).toBeNull();
  });

  it("logs out", async () => {
    await conn.connect();
    await conn.logout();
    expect(conn.status?.loggedIn).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { stepOf } from "./fields";

describe("stepOf", () => {
  it("maps request paths to the step whose form holds them", () => {
    expect(stepOf("product.policyholder.taxId")).toBe("policyholder");
    expect(stepOf("product.vehicle.user.taxId")).toBe("user");
    expect(stepOf("product.vehicle.vin")).toBe("vehicle");
    expect(stepOf("product.additionalData.vehicle.equipmentValue")).toBe("vehicle");
    expect(stepOf("product.additionalData.vehicle.user.bonusMalusClass")).toBe("cover");
    expect(stepOf("product.motor.startDate")).toBe("cover");
  });
});

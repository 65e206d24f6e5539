/**
 * Zones and locality of storage bindings (src/models/cluster/binding-zones.ts): which zone pins a job's pods,
 * where a shared file system lives under each binding mode, per-zone copies, and the inter-zone round trip.
 */
import { describe, expect, test } from "vitest";
import { BindingZones, volumeScope, type ClusterBinding } from "../../../src/models/cluster/binding-zones.ts";
import { storagePresetByName } from "../../../src/models/storage/presets/index.ts";

const ZONES = ["a", "b", "c"];
const bind = (name: string, preset: string, o: Partial<ClusterBinding> = {}): ClusterBinding => ({
  name,
  profile: { ...storagePresetByName(preset), name },
  bindingMode: "WaitForFirstConsumer",
  zone: undefined,
  perZone: false,
  crossZone: false,
  ...o,
});
const zonesOf = (...bs: ClusterBinding[]) => new BindingZones(ZONES, new Map(bs.map((b) => [b.name, b])), 1000);

describe("volume scopes", () => {
  test.for([
    { preset: "fsx-lustre", scope: "shared" },
    { preset: "nfs-share", scope: "shared" },
    { preset: "object-store-cache", scope: "shared" },
    { preset: "local-nvme", scope: "node" },
    { preset: "ebs-gp3", scope: "pod" },
  ] as const)("$preset: $scope", ({ preset, scope }) => {
    expect(volumeScope(storagePresetByName(preset))).toBe(scope);
  });
});

describe("pins at submit", () => {
  test("WaitForFirstConsumer pins nothing; Immediate pins jobs round robin over the zones", () => {
    expect(zonesOf(bind("v", "ebs-gp3")).pinAtSubmit("j", ["v"])).toBeUndefined();
    const z = zonesOf(bind("v", "ebs-gp3", { bindingMode: "Immediate" }));
    expect(["j1", "j2", "j3", "j4"].map((j) => z.pinAtSubmit(j, ["v"]))).toEqual(["a", "b", "c", "a"]);
  });

  test("a binding's zone pins its pods; shared and node-local storage pin nothing", () => {
    const z = zonesOf(bind("v", "ebs-gp3", { zone: "c" }), bind("fs", "fsx-lustre", { bindingMode: "Immediate" }));
    expect(z.pinAtSubmit("j", ["v", "fs"])).toBe("c");
    expect(z.pinAtSubmit("j", ["fs"])).toBeUndefined();
  });

  test("two volumes pinned to different zones cannot both hold", () => {
    const z = zonesOf(bind("v", "ebs-gp3", { zone: "a" }), bind("w", "ebs-gp3", { zone: "b" }));
    expect(() => z.pinAtSubmit("j", ["v", "w"])).toThrow("job j: volumes pinned to a and b");
  });
});

describe("sites", () => {
  test("a shared zonal file system bound WaitForFirstConsumer lives where its first pod lands; others cross", () => {
    const z = zonesOf(bind("fs", "fsx-lustre"));
    expect(z.site("fs", "b")).toMatchObject({ zone: "b", crossesZone: false });
    const far = z.site("fs", "c");
    expect(far).toMatchObject({ zone: "b", crossesZone: true });
    const base = storagePresetByName("fsx-lustre").latency.read.baseLatencyUs;
    expect(far.profile.latency.read.baseLatencyUs).toBe(base + 1000);
    expect(far.profile.name).toBe("fs"); // same constraints: the same file system
  });

  test("Immediate creates it in the first zone, up front", () => {
    const z = zonesOf(bind("fs", "fsx-lustre", { bindingMode: "Immediate" }));
    expect(z.site("fs", "c")).toMatchObject({ zone: "a", crossesZone: true });
  });

  test("copies per zone: every pod reads its zone's copy (its own constraints), never crossing", () => {
    const z = zonesOf(bind("fs", "fsx-lustre", { perZone: true }));
    expect(z.site("fs", "b")).toMatchObject({ zone: "b", crossesZone: false, profile: { name: "fs@b" } });
    expect(z.site("fs", "c").profile.name).toBe("fs@c");
  });

  test("regional services and per-pod volumes never cross; crossZone always does", () => {
    const z = zonesOf(bind("efs", "nfs-share"), bind("v", "ebs-gp3"), bind("far", "ebs-gp3", { crossZone: true }));
    expect(z.site("efs", "c").crossesZone).toBe(false);
    expect(z.site("v", "c")).toMatchObject({ zone: "c", crossesZone: false });
    expect(z.site("far", "a").crossesZone).toBe(true);
  });

  test("perZone on a per-pod volume and an unknown zone are refused", () => {
    expect(() => zonesOf(bind("v", "ebs-gp3", { perZone: true }))).toThrow(
      "storage v: perZone needs a shared file system",
    );
    expect(() => zonesOf(bind("v", "ebs-gp3", { zone: "x" }))).toThrow("storage v: unknown zone x (zones: a, b, c)");
  });
});

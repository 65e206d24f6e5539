/**
 * The extra round trip of a request to a zonal volume or file system in another zone of the same region,
 * added to every request's latency of a pod reading or writing across the zone boundary (cluster scenarios).
 */
import type { Source } from "../../source.ts";

/** Extra per-request latency across availability zones of one region, µs. */
export const INTER_ZONE_LATENCY_US = 1_000;

/** Citation for {@link INTER_ZONE_LATENCY_US}. */
export const INTER_ZONE_LATENCY_SOURCE: Source = {
  what: "inter-zone round trip ≈ 1 ms: clouds describe availability zones of a region as 'single-digit millisecond' apart; measured RTTs are typically 0.5–2 ms; not in domain-facts",
  ref: "stallsim default (AWS/Azure/GCP region and availability-zone documentation, from memory)",
  tag: "M",
};

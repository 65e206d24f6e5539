/**
 * The price of reading a zonal network volume or file system from a pod in another zone of the same
 * cloud region. Node-local media and regional services with a mount target in every zone use 0.
 */
import type { Source } from "../../source.ts";

/** Inter-zone data transfer within one cloud, USD per GB (GB = 10^9 bytes). */
export const INTER_ZONE_EGRESS_USD_PER_GB = 0.01;

/** Citation for {@link INTER_ZONE_EGRESS_USD_PER_GB}. */
export const INTER_ZONE_EGRESS_SOURCE: Source = {
  what: "egress 0.01 USD/GB: the usual inter-AZ transfer rate inside one cloud region (each direction); not in domain-facts",
  ref: "stallsim default (AWS/Azure/GCP inter-zone data-transfer price lists, from memory)",
  tag: "M",
};

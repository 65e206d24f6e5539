/**
 * The price of moving data between availability zones of one cloud region — what a pod pays to read a zonal
 * network volume or file system in another zone — per GB moved, for each cloud. Node-local media and regional
 * services with a mount target in every zone use 0.
 */
import type { Source } from "../../source.ts";

/**
 * AWS: 0.02 USD per GB moved between zones — AWS charges 0.01 USD/GB "in each direction", i.e. out of the
 * sending zone and into the receiving one, and one account pays both sides (a measured bill shows it).
 */
export const AWS_INTER_ZONE_USD_PER_GB = 0.02;

/** GCP: 0.01 USD per GB leaving a zone for another zone of the region (ingress is free). */
export const GCP_INTER_ZONE_USD_PER_GB = 0.01;

/** Azure: no charge between availability zones since May 2024. */
export const AZURE_INTER_ZONE_USD_PER_GB = 0;

/** Citation for {@link AWS_INTER_ZONE_USD_PER_GB}. */
export const AWS_INTER_ZONE_SOURCE: Source = {
  what: "egress 0.02 USD per GB moved across zones: 0.01 USD/GB charged on each side (out of one AZ, into the other), both billed to the account, as a 10 GB test transfer's bill showed",
  ref: "https://www.duckbillgroup.com/blog/aws-cross-az-data-transfer-costs-more-than-aws-says/",
  tag: "S",
  fields: ["price.egressPerGb"],
};

/** Citation for {@link GCP_INTER_ZONE_USD_PER_GB}. */
export const GCP_INTER_ZONE_SOURCE: Source = {
  what: "egress 0.01 USD per GB between zones of one region (charged as egress at the source; ingress free)",
  ref: "https://cloud.google.com/vpc/pricing",
  tag: "S",
  fields: ["price.egressPerGb"],
};

/** Citation for {@link AZURE_INTER_ZONE_USD_PER_GB}. */
export const AZURE_INTER_ZONE_SOURCE: Source = {
  what: "egress 0: Microsoft dropped the charge for data transfer between availability zones (announced at Build, May 2024)",
  ref: "https://blog.vjirovsky.cz/azure-may-2024-cost-storage/",
  tag: "S",
  fields: ["price.egressPerGb"],
};

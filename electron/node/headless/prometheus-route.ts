/**
 * `/metrics`: the newest sample of every process in Prometheus text format, with the running
 * totals (kgw_work_items_total, latency counts) the host has recorded since profiling began.
 */
import type { Host } from '../host/host';
import { hostPrometheusText } from '../host/handlers/profiling-handlers';

export function renderPrometheus(host: Host): string {
  return hostPrometheusText(host);
}

/** `/metrics`: the latest sample of every process in Prometheus text format. */
import type { Host } from '../host/host';
import { renderPrometheusText } from '../metrics/prometheus';

export function renderPrometheus(host: Host): string {
  return renderPrometheusText({ samples: host.samples(), jobs: host.jobList() });
}

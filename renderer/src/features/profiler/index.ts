/** The profiler feature: start the feed once with the client, mount the panel and the button. */
export { startProfiler } from './profiler-feed';
export { ProfilerPanel, ProfilerButton } from './ProfilerPanel';

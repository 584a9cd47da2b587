/**
 * Entry of the importer's parser threads (dist/workers/parse.js, see native/ingest/parse-thread.ts):
 * only the format parsers, so a thread starts fast. The ingest worker bundle it replaced (1.09 MB
 * with the stores, the Neo4j driver and the worker runtime, against 0.19 MB) delayed the first
 * batch of JSON 100 MB by 250-550 ms (first batch at +550..970 ms vs +100..240 ms on a loaded
 * machine, load 7) and cost ~200 ms more CPU per thread.
 */
import { runParseThreadIfAsked } from '../ingest/parse-thread';

runParseThreadIfAsked();

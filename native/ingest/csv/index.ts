/**
 * The CSV family of import formats. The importer sniffs each file with every handler and
 * takes the most confident: neo4j-csv / autoschemakg-csv (0.9 / 0.95 on an admin-import
 * header), triples / names (0.8 / 0.75 on headerless 3- / 2-column TSV), csv (0.45..0.6 for
 * any regular delimited table).
 */
import type { FormatHandler } from '../format';
import { namesHandler, triplesHandler } from '../triples';
import { genericCsvHandler } from './generic-handler';
import { autoSchemaKgCsvHandler, neo4jCsvHandler } from './neo4j-handler';

export { genericCsvHandler } from './generic-handler';
export { autoSchemaKgCsvHandler, neo4jCsvHandler, DEFAULT_EDGE_TYPE } from './neo4j-handler';
export { namesHandler, triplesHandler } from '../triples';

export const csvFormatHandlers: FormatHandler[] = [autoSchemaKgCsvHandler, neo4jCsvHandler, triplesHandler, namesHandler, genericCsvHandler];

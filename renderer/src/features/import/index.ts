/** The import feature: the column-mapping step shown before an import of generic CSV files. */
import './import.css';

export { ImportMappingDialog } from './ImportMappingDialog';
export { askMapping, needsMapping, mappingStore } from './mapping-store';
export { initialChoice, toImportOptions, choiceProblem } from './mapping';

/** Neo4j store settings: start once with the client, mount the button, the dialog and the badge. */
import './neo4j.css';
export { startNeo4jSettings } from './neo4j-actions';
export { Neo4jButton, Neo4jSettingsDialog, StoreBadge } from './Neo4jSettings';

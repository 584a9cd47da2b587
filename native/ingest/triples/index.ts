export { triplesHandler } from './triples-handler';
export { namesHandler } from './names-handler';

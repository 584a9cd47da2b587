/** The model manager: start the feed with the client, mount the button and the dialog. */
import './models.css';
export { startModels, openModels } from './models-actions';
export { ModelsButton, ModelsPanel } from './ModelsPanel';
